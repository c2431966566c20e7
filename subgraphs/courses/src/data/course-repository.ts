import type { AnyEvent, Connection, DocumentStore, Filter, PageArgs } from '@skillgraph/platform';
import { outboxPush, paginate, stripEventFields, withOutbox } from '@skillgraph/platform';
import type { CourseRecord } from './records';

export const COURSES_COLLECTION = {
  name: 'courses',
  // `lessons._id` is a multikey index in MongoDB and an array index in nedb: Lesson lookups by id.
  indexes: [{ fields: ['instructorId'] }, { fields: ['lessons._id'] }, { fields: ['published'] }],
};

/** Which courses a viewer may list: everything, or the published ones plus those one person teaches. */
export type CourseScope = { kind: 'all' } | { kind: 'published-or-taught-by'; instructorId?: string };

/** Criteria for listing courses; every field narrows the result. */
export interface CourseQuery {
  scope: CourseScope;
  published?: boolean;
  instructorId?: string;
  /** Matched case-insensitively as plain text, never as a pattern. */
  titleContains?: string;
}

/** The fields a write may change; `version` and `updatedAt` are the repository's business. */
export type CourseChanges = Partial<Pick<CourseRecord, 'title' | 'description' | 'published' | 'archived' | 'lessons'>>;

export type CourseRepository = Awaited<ReturnType<typeof openCourseRepository>>;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function scopeFilter(scope: CourseScope): Filter {
  if (scope.kind === 'all') return {};
  if (scope.instructorId === undefined) return { published: true };
  return { $or: [{ published: true }, { instructorId: scope.instructorId }] };
}

function toFilter(query: CourseQuery): Filter {
  const parts: Filter[] = [scopeFilter(query.scope)];
  if (query.published !== undefined) parts.push({ published: query.published });
  if (query.instructorId !== undefined) parts.push({ instructorId: query.instructorId });
  if (query.titleContains !== undefined) parts.push({ title: { $regex: new RegExp(escapeRegExp(query.titleContains), 'i') } });
  const narrowing = parts.filter((part) => Object.keys(part).length > 0);
  if (narrowing.length === 0) return {};
  return narrowing.length === 1 ? narrowing[0]! : { $and: narrowing };
}

/**
 * Every read hands out plain records: the outbox and the consumers' bookkeeping stay inside the
 * store, so no caller (resolver, service, seed, test) can come to depend on them.
 */
const plain = (course: CourseRecord): CourseRecord => stripEventFields(course);
const plainOrNull = (course: CourseRecord | null): CourseRecord | null => course && plain(course);

export async function openCourseRepository(store: DocumentStore) {
  const courses = await store.collection<CourseRecord>(COURSES_COLLECTION);
  return {
    findById: async (id: string): Promise<CourseRecord | null> => plainOrNull(await courses.findOne({ _id: id })),
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: async (ids: readonly string[]): Promise<CourseRecord[]> => (await courses.find({ _id: { $in: [...ids] } })).map(plain),
    /** One query: the courses holding any of these lessons. */
    findByLessonIds: async (lessonIds: readonly string[]): Promise<CourseRecord[]> =>
      (await courses.find({ 'lessons._id': { $in: [...lessonIds] } })).map(plain),
    /** One query, oldest first. */
    findByInstructorIds: async (instructorIds: readonly string[]): Promise<CourseRecord[]> =>
      (await courses.find({ instructorId: { $in: [...instructorIds] } }, { sort: { _id: 1 } })).map(plain),
    list: (query: CourseQuery, args: PageArgs): Promise<Connection<CourseRecord>> => paginate(courses, toFilter(query), args, plain),
    /** Inserts the course with `events` staged in the same document, so both commit or neither. */
    insert: async (course: CourseRecord, events: readonly AnyEvent[]): Promise<CourseRecord> =>
      plain(await courses.insertOne(withOutbox(course, events))),
    /** Demo data and tests: courses that appear without anyone's mutation, hence without events. */
    insertMany: async (records: CourseRecord[]): Promise<CourseRecord[]> => (await courses.insertMany(records)).map(plain),
    /**
     * Applies `changes` and stages `events` in one single-document write, only if nobody wrote the
     * course since `version` was read. Null means somebody did (or the course is gone), and then
     * no event was staged either: reload and decide again.
     */
    updateIfVersion: async (id: string, version: number, changes: CourseChanges, updatedAt: Date, events: readonly AnyEvent[]): Promise<CourseRecord | null> =>
      plainOrNull(await courses.updateOne({ _id: id, version }, outboxPush(events, { $set: { ...changes, updatedAt }, $inc: { version: 1 } }))),
    count: (): Promise<number> => courses.count({}),
    /** The raw collection, for the outbox relay only: its documents carry the staged events. */
    outboxSource: courses,
  };
}
