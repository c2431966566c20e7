import type { DocumentStore } from '@skillgraph/platform';
import type { AssessmentRecord } from './records';

export const ASSESSMENTS_COLLECTION = {
  name: 'assessments',
  indexes: [{ fields: ['courseId'] }],
};

export type AssessmentRepository = Awaited<ReturnType<typeof openAssessmentRepository>>;

export async function openAssessmentRepository(store: DocumentStore) {
  const assessments = await store.collection<AssessmentRecord>(ASSESSMENTS_COLLECTION);
  return {
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: (ids: readonly string[]): Promise<AssessmentRecord[]> => assessments.find({ _id: { $in: [...ids] } }),
    /** One query, oldest first (ids are time-ordered). */
    findByCourseIds: (courseIds: readonly string[]): Promise<AssessmentRecord[]> =>
      assessments.find({ courseId: { $in: [...courseIds] } }, { sort: { _id: 1 } }),
    insert: (assessment: AssessmentRecord): Promise<AssessmentRecord> => assessments.insertOne(assessment),
    insertMany: (records: AssessmentRecord[]): Promise<AssessmentRecord[]> => assessments.insertMany(records),
    count: (): Promise<number> => assessments.count({}),
  };
}
