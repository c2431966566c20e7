import { DuplicateKeyError, applyOnce, insertOnce, stripEventFields, type ApplyResult, type DocumentStore, type EventRef, type Update } from '@skillgraph/platform';
import type { CourseViewRecord } from './records';

export const MEDIA_COURSES_VIEW_COLLECTION = { name: 'courses_view', indexes: [{ fields: ['lessonIds'] }] };

/**
 * The courses the media subgraph knows about (instructor, published, lessons): a projection of
 * `course.events` (events/course-view.ts), so access checks never call the courses subgraph.
 */
export type CourseDirectory = Awaited<ReturnType<typeof openCourseDirectory>>;

const plain = (view: CourseViewRecord): CourseViewRecord => stripEventFields(view);

export async function openCourseDirectory(store: DocumentStore) {
  const views = await store.collection<CourseViewRecord>(MEDIA_COURSES_VIEW_COLLECTION);
  const fieldsOf = (view: CourseViewRecord): CourseViewRecord => ({ _id: view._id, instructorId: view.instructorId, title: view.title, published: view.published, lessonIds: view.lessonIds });
  return {
    get: async (courseId: string): Promise<CourseViewRecord | null> => {
      const view = await views.findOne({ _id: courseId });
      return view && plain(view);
    },
    getMany: async (courseIds: readonly string[]): Promise<CourseViewRecord[]> => (await views.find({ _id: { $in: [...courseIds] } })).map(plain),
    /** The course holding this lesson, or null. */
    findByLesson: async (lessonId: string): Promise<CourseViewRecord | null> => {
      const view = await views.findOne({ lessonIds: lessonId });
      return view && plain(view);
    },
    /** Seed and tests: creates or replaces what is known about one course. */
    async upsert(view: CourseViewRecord): Promise<void> {
      const replace = () => views.updateOne({ _id: view._id }, { $set: { instructorId: view.instructorId, title: view.title, published: view.published, lessonIds: view.lessonIds } });
      if (await replace()) return;
      try {
        await views.insertOne(fieldsOf(view));
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await replace();
      }
    },
    insertIfAbsent: (view: CourseViewRecord): Promise<'applied' | 'duplicate'> => insertOnce(views, fieldsOf(view)),
    applyOnce: (courseId: string, ref: EventRef, update: Update): Promise<ApplyResult> => applyOnce(views, courseId, ref, update),
  };
}
