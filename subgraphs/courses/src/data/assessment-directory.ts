import { applyOnce, insertOnce, stripEventFields, type ApplyResult, type DocumentStore, type EventRef } from '@skillgraph/platform';
import type { AssessmentViewRecord } from './records';

export const ASSESSMENTS_VIEW_COLLECTION = { name: 'assessments_view', indexes: [{ fields: ['courseId'] }] };

export type AssessmentViewChanges = Partial<Pick<AssessmentViewRecord, 'required' | 'active'>>;

/** The assessments each course has, as far as completion cares: a projection of assessment.events. */
export interface AssessmentDirectory {
  /** One query: the active assessments of these courses. */
  activeByCourseIds(courseIds: readonly string[]): Promise<AssessmentViewRecord[]>;
  insertIfAbsent(view: AssessmentViewRecord): Promise<'applied' | 'duplicate'>;
  applyOnce(assessmentId: string, ref: EventRef, changes: AssessmentViewChanges): Promise<ApplyResult>;
}

export async function openAssessmentDirectory(store: DocumentStore): Promise<AssessmentDirectory> {
  const views = await store.collection<AssessmentViewRecord>(ASSESSMENTS_VIEW_COLLECTION);
  return {
    activeByCourseIds: async (courseIds) => (await views.find({ courseId: { $in: [...courseIds] }, active: true })).map(stripEventFields),
    insertIfAbsent: (view) => insertOnce(views, { _id: view._id, courseId: view.courseId, required: view.required, active: view.active }),
    applyOnce: (assessmentId, ref, changes) => applyOnce(views, assessmentId, ref, { $set: { ...changes } }),
  };
}
