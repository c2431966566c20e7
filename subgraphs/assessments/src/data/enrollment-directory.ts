import { applyOnce, insertOnce, stripEventFields, type ApplyResult, type DocumentStore, type EventRef } from '@skillgraph/platform';
import type { EnrollmentViewRecord, EnrollmentViewStatus } from './records';

export const ENROLLMENTS_VIEW_COLLECTION = { name: 'enrollments_view', indexes: [{ fields: ['courseId'] }] };

export const enrollmentViewId = (userId: string, courseId: string): string => `${userId}:${courseId}`;

/** Who is enrolled in which course: a projection of course.events (events/enrollment-view.ts). */
export interface EnrollmentDirectory {
  get(userId: string, courseId: string): Promise<EnrollmentViewRecord | null>;
  /** Every view, for comparing projections (replay tests, audits). */
  all(): Promise<EnrollmentViewRecord[]>;
  insertIfAbsent(view: EnrollmentViewRecord): Promise<'applied' | 'duplicate'>;
  applyOnce(id: string, ref: EventRef, status: EnrollmentViewStatus): Promise<ApplyResult>;
}

export async function openEnrollmentDirectory(store: DocumentStore): Promise<EnrollmentDirectory> {
  const views = await store.collection<EnrollmentViewRecord>(ENROLLMENTS_VIEW_COLLECTION);
  return {
    get: async (userId, courseId) => {
      const view = await views.findOne({ _id: enrollmentViewId(userId, courseId) });
      return view && stripEventFields(view);
    },
    all: async () => (await views.find({}, { sort: { _id: 1 } })).map(stripEventFields),
    insertIfAbsent: (view) => insertOnce(views, { _id: view._id, userId: view.userId, courseId: view.courseId, status: view.status }),
    applyOnce: (id, ref, status) => applyOnce(views, id, ref, { $set: { status } }),
  };
}
