import { DuplicateKeyError, type DocumentStore } from '@skillgraph/platform';
import type { CourseViewRecord } from './records';

export const COURSES_VIEW_COLLECTION = { name: 'courses_view' };

/**
 * The courses this subgraph knows about. Course events will feed `upsert`; until they do, the seed
 * and tests call it directly.
 */
export interface CourseDirectory {
  get(courseId: string): Promise<CourseViewRecord | null>;
  /** One query for any number of ids; the order of the result is not the order asked. */
  getMany(courseIds: readonly string[]): Promise<CourseViewRecord[]>;
  /** Creates or replaces what is known about one course; applying the same view twice is harmless. */
  upsert(view: CourseViewRecord): Promise<void>;
}

export async function openCourseDirectory(store: DocumentStore): Promise<CourseDirectory> {
  const views = await store.collection<CourseViewRecord>(COURSES_VIEW_COLLECTION);
  const replace = (view: CourseViewRecord) =>
    views.updateOne({ _id: view._id }, { $set: { instructorId: view.instructorId, title: view.title, published: view.published } });
  return {
    get: (courseId) => views.findOne({ _id: courseId }),
    getMany: (courseIds) => views.find({ _id: { $in: [...courseIds] } }),
    async upsert(view) {
      // The port has no upsert; update first, insert when absent, and update again if a
      // concurrent upsert inserted in between.
      if (await replace(view)) return;
      try {
        await views.insertOne({ _id: view._id, instructorId: view.instructorId, title: view.title, published: view.published });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await replace(view);
      }
    },
  };
}
