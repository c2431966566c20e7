import { DuplicateKeyError, outboxPush, stripEventFields, withOutbox, type AnyEvent, type DocumentStore } from '@skillgraph/platform';
import type { CertificatePolicy, CourseSettingsRecord } from './records';

export const COURSE_SETTINGS_COLLECTION = { name: 'course_settings' };

export type CourseSettingsRepository = Awaited<ReturnType<typeof openCourseSettingsRepository>>;

/** Per-course settings owned here; a course without a document has the defaults. */
export async function openCourseSettingsRepository(store: DocumentStore) {
  const settings = await store.collection<CourseSettingsRecord>(COURSE_SETTINGS_COLLECTION);
  const update = (courseId: string, certificatePolicy: CertificatePolicy, updatedBy: string, updatedAt: Date, events: readonly AnyEvent[]) =>
    settings.updateOne({ _id: courseId }, outboxPush(events, { $set: { certificatePolicy, updatedBy, updatedAt } }));
  return {
    findByIds: async (courseIds: readonly string[]): Promise<CourseSettingsRecord[]> => (await settings.find({ _id: { $in: [...courseIds] } })).map(stripEventFields),
    policyOf: async (courseId: string): Promise<CertificatePolicy> => (await settings.findOne({ _id: courseId }))?.certificatePolicy ?? 'FINAL_ASSESSMENT',
    /**
     * Creates or replaces, staging `events` in the same write. The port has no upsert: update,
     * else insert, else update again after a racing insert.
     */
    async setPolicy(courseId: string, certificatePolicy: CertificatePolicy, updatedBy: string, updatedAt: Date, events: readonly AnyEvent[]): Promise<void> {
      if (await update(courseId, certificatePolicy, updatedBy, updatedAt, events)) return;
      try {
        await settings.insertOne(withOutbox({ _id: courseId, certificatePolicy, updatedBy, updatedAt }, events));
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await update(courseId, certificatePolicy, updatedBy, updatedAt, events);
      }
    },
    /** The raw collection, for the outbox relay only. */
    outboxSource: settings,
  };
}
