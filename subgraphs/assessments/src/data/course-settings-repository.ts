import { DuplicateKeyError, type DocumentStore } from '@skillgraph/platform';
import type { CertificatePolicy, CourseSettingsRecord } from './records';

export const COURSE_SETTINGS_COLLECTION = { name: 'course_settings' };

export type CourseSettingsRepository = Awaited<ReturnType<typeof openCourseSettingsRepository>>;

/** Per-course settings owned here; a course without a document has the defaults. */
export async function openCourseSettingsRepository(store: DocumentStore) {
  const settings = await store.collection<CourseSettingsRecord>(COURSE_SETTINGS_COLLECTION);
  const update = (courseId: string, certificatePolicy: CertificatePolicy, updatedBy: string, updatedAt: Date) =>
    settings.updateOne({ _id: courseId }, { $set: { certificatePolicy, updatedBy, updatedAt } });
  return {
    findByIds: (courseIds: readonly string[]): Promise<CourseSettingsRecord[]> => settings.find({ _id: { $in: [...courseIds] } }),
    policyOf: async (courseId: string): Promise<CertificatePolicy> => (await settings.findOne({ _id: courseId }))?.certificatePolicy ?? 'FINAL_ASSESSMENT',
    /** Creates or replaces; the port has no upsert, so update, else insert, else update again after a racing insert. */
    async setPolicy(courseId: string, certificatePolicy: CertificatePolicy, updatedBy: string, updatedAt: Date): Promise<void> {
      if (await update(courseId, certificatePolicy, updatedBy, updatedAt)) return;
      try {
        await settings.insertOne({ _id: courseId, certificatePolicy, updatedBy, updatedAt });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await update(courseId, certificatePolicy, updatedBy, updatedAt);
      }
    },
  };
}
