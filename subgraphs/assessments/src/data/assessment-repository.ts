import { stripEventFields, withOutbox, type AnyEvent, type DocumentStore } from '@skillgraph/platform';
import type { AssessmentRecord } from './records';

export const ASSESSMENTS_COLLECTION = {
  name: 'assessments',
  indexes: [{ fields: ['courseId'] }],
};

export type AssessmentRepository = Awaited<ReturnType<typeof openAssessmentRepository>>;

// Reads hand out plain records: the staged events stay inside the store.
const plain = (assessment: AssessmentRecord): AssessmentRecord => stripEventFields(assessment);

export async function openAssessmentRepository(store: DocumentStore) {
  const assessments = await store.collection<AssessmentRecord>(ASSESSMENTS_COLLECTION);
  return {
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: async (ids: readonly string[]): Promise<AssessmentRecord[]> => (await assessments.find({ _id: { $in: [...ids] } })).map(plain),
    /** One query, oldest first (ids are time-ordered). */
    findByCourseIds: async (courseIds: readonly string[]): Promise<AssessmentRecord[]> =>
      (await assessments.find({ courseId: { $in: [...courseIds] } }, { sort: { _id: 1 } })).map(plain),
    /** Inserts the assessment with `events` staged in the same document, so both commit or neither. */
    insert: async (assessment: AssessmentRecord, events: readonly AnyEvent[]): Promise<AssessmentRecord> =>
      plain(await assessments.insertOne(withOutbox(assessment, events))),
    /** Demo data and tests: assessments that appear without anyone's mutation, hence without events. */
    insertMany: async (records: AssessmentRecord[]): Promise<AssessmentRecord[]> => (await assessments.insertMany(records)).map(plain),
    count: (): Promise<number> => assessments.count({}),
    /** The raw collection, for the outbox relay only: its documents carry the staged events. */
    outboxSource: assessments,
  };
}
