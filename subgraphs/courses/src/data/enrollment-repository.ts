import {
  DuplicateKeyError,
  outboxPush,
  paginate,
  stripEventFields,
  withOutbox,
  type AnyEvent,
  type Connection,
  type DocumentStore,
  type Filter,
  type PageArgs,
  type Update,
} from '@skillgraph/platform';
import type { EnrollmentRecord, EnrollmentStatus } from './records';

export const ENROLLMENTS_COLLECTION = {
  name: 'enrollments',
  // One enrollment per learner and course: the unique index makes a concurrent second enroll fail.
  indexes: [{ fields: ['userId', 'courseId'], unique: true }, { fields: ['courseId'] }, { fields: ['userId'] }],
};

export type EnrollmentRepository = Awaited<ReturnType<typeof openEnrollmentRepository>>;

/** Criteria for a page of enrollments; every field narrows. */
export interface EnrollmentQuery {
  userId?: string;
  courseId?: string;
  /** Only enrollments in these courses (an instructor looking at a learner). */
  courseIds?: readonly string[];
  status?: EnrollmentStatus;
}

function toFilter(query: EnrollmentQuery): Filter {
  const filter: Filter = {};
  if (query.userId !== undefined) filter.userId = query.userId;
  if (query.courseId !== undefined) filter.courseId = query.courseId;
  if (query.courseIds !== undefined) filter.courseId = { $in: [...query.courseIds] };
  if (query.status !== undefined) filter.status = query.status;
  return filter;
}

const plain = (enrollment: EnrollmentRecord): EnrollmentRecord => stripEventFields(enrollment);
const plainOrNull = (enrollment: EnrollmentRecord | null): EnrollmentRecord | null => enrollment && plain(enrollment);

export async function openEnrollmentRepository(store: DocumentStore) {
  const enrollments = await store.collection<EnrollmentRecord>(ENROLLMENTS_COLLECTION);
  return {
    findById: async (id: string): Promise<EnrollmentRecord | null> => plainOrNull(await enrollments.findOne({ _id: id })),
    findByIds: async (ids: readonly string[]): Promise<EnrollmentRecord[]> => (await enrollments.find({ _id: { $in: [...ids] } })).map(plain),
    findOne: async (userId: string, courseId: string): Promise<EnrollmentRecord | null> => plainOrNull(await enrollments.findOne({ userId, courseId })),
    /** One query: one learner's enrollments in any of these courses. */
    findForUser: async (userId: string, courseIds: readonly string[]): Promise<EnrollmentRecord[]> =>
      (await enrollments.find({ userId, courseId: { $in: [...courseIds] } })).map(plain),
    /** One query: every enrollment of these courses, whatever their status (stats need them all). */
    findByCourseIds: async (courseIds: readonly string[]): Promise<EnrollmentRecord[]> =>
      (await enrollments.find({ courseId: { $in: [...courseIds] } }, { sort: { _id: 1 } })).map(plain),
    list: (query: EnrollmentQuery, args: PageArgs): Promise<Connection<EnrollmentRecord>> => paginate(enrollments, toFilter(query), args, plain),
    /** Inserts with its events; DuplicateKeyError when the learner is already enrolled. */
    insert: async (enrollment: EnrollmentRecord, events: readonly AnyEvent[]): Promise<EnrollmentRecord> =>
      plain(await enrollments.insertOne(withOutbox(enrollment, events))),
    /**
     * Applies `update` and stages `events` in one write, only if the enrollment still matches
     * `where`. Null means it did not (another writer got there first): nothing was written.
     */
    updateWhere: async (id: string, where: Filter, update: Update, events: readonly AnyEvent[] = []): Promise<EnrollmentRecord | null> =>
      plainOrNull(await enrollments.updateOne({ ...where, _id: id }, outboxPush(events, update))),
    insertMany: async (records: EnrollmentRecord[]): Promise<EnrollmentRecord[]> => (await enrollments.insertMany(records)).map(plain),
    /** The raw collection, for the outbox relay only. */
    outboxSource: enrollments,
  };
}

export const isDuplicate = (error: unknown): boolean => error instanceof DuplicateKeyError;
