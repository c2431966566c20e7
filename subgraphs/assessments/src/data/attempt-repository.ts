import { outboxPush, stripEventFields, type AnyEvent, type DocumentStore, type Filter, type Update } from '@skillgraph/platform';
import type { AttemptRecord } from './records';

export const ATTEMPTS_COLLECTION = {
  name: 'attempts',
  // Attempt numbers are unique per learner and assessment: two concurrent starts cannot both be attempt 2.
  indexes: [{ fields: ['assessmentId', 'userId', 'number'], unique: true }, { fields: ['userId'] }, { fields: ['assessmentId'] }],
};

export type AttemptRepository = Awaited<ReturnType<typeof openAttemptRepository>>;

const plain = (attempt: AttemptRecord): AttemptRecord => stripEventFields(attempt);
const plainOrNull = (attempt: AttemptRecord | null): AttemptRecord | null => attempt && plain(attempt);

export async function openAttemptRepository(store: DocumentStore) {
  const attempts = await store.collection<AttemptRecord>(ATTEMPTS_COLLECTION);
  return {
    findById: async (id: string): Promise<AttemptRecord | null> => plainOrNull(await attempts.findOne({ _id: id })),
    findByIds: async (ids: readonly string[]): Promise<AttemptRecord[]> => (await attempts.find({ _id: { $in: [...ids] } })).map(plain),
    /** One learner's attempts at one assessment, first attempt first. */
    findFor: async (assessmentId: string, userId: string): Promise<AttemptRecord[]> =>
      (await attempts.find({ assessmentId, userId }, { sort: { number: 1 } })).map(plain),
    /** One query: the attempts of these assessments, oldest first. */
    findByAssessmentIds: async (assessmentIds: readonly string[]): Promise<AttemptRecord[]> =>
      (await attempts.find({ assessmentId: { $in: [...assessmentIds] } }, { sort: { _id: 1 } })).map(plain),
    /** One query: one learner's attempts at any of these assessments. */
    findForUser: async (userId: string, assessmentIds: readonly string[]): Promise<AttemptRecord[]> =>
      (await attempts.find({ userId, assessmentId: { $in: [...assessmentIds] } }, { sort: { _id: 1 } })).map(plain),
    countFor: (assessmentId: string): Promise<number> => attempts.count({ assessmentId }),
    /** DuplicateKeyError when the learner's attempt with this number exists already. */
    insert: async (attempt: AttemptRecord): Promise<AttemptRecord> => plain(await attempts.insertOne(attempt)),
    /**
     * The conditional write every state change goes through: applies `update` with `events` only
     * while the attempt matches `where` (e.g. status IN_PROGRESS). Null means it no longer did, so
     * a second, concurrent submission changes nothing and publishes nothing.
     */
    updateWhere: async (id: string, where: Filter, update: Update, events: readonly AnyEvent[] = []): Promise<AttemptRecord | null> =>
      plainOrNull(await attempts.updateOne({ ...where, _id: id }, outboxPush(events, update))),
    outboxSource: attempts,
  };
}
