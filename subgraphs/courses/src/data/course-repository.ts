import type { Connection, DocumentStore, Filter, PageArgs } from '@skillgraph/platform';
import { paginate } from '@skillgraph/platform';
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
export type CourseChanges = Partial<Pick<CourseRecord, 'title' | 'description' | 'published' | 'lessons'>>;

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

export async function openCourseRepository(store: DocumentStore) {
  const courses = await store.collection<CourseRecord>(COURSES_COLLECTION);
  return {
    findById: (id: string): Promise<CourseRecord | null> => courses.findOne({ _id: id }),
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: (ids: readonly string[]): Promise<CourseRecord[]> => courses.find({ _id: { $in: [...ids] } }),
    /** One query: the courses holding any of these lessons. */
    findByLessonIds: (lessonIds: readonly string[]): Promise<CourseRecord[]> =>
      courses.find({ 'lessons._id': { $in: [...lessonIds] } }),
    /** One query, oldest first. */
    findByInstructorIds: (instructorIds: readonly string[]): Promise<CourseRecord[]> =>
      courses.find({ instructorId: { $in: [...instructorIds] } }, { sort: { _id: 1 } }),
    list: (query: CourseQuery, args: PageArgs): Promise<Connection<CourseRecord>> =>
      paginate(courses, toFilter(query), args, (course) => course),
    insert: (course: CourseRecord): Promise<CourseRecord> => courses.insertOne(course),
    insertMany: (records: CourseRecord[]): Promise<CourseRecord[]> => courses.insertMany(records),
    /**
     * Applies `changes` only if nobody wrote the course since `version` was read. Null means
     * somebody did (or the course is gone): reload and decide again.
     */
    updateIfVersion: (id: string, version: number, changes: CourseChanges, updatedAt: Date): Promise<CourseRecord | null> =>
      courses.updateOne({ _id: id, version }, { $set: { ...changes, updatedAt }, $inc: { version: 1 } }),
    count: (): Promise<number> => courses.count({}),
  };
}
