import {
  DuplicateKeyError,
  applyOnce,
  insertOnce,
  stripEventFields,
  type ApplyResult,
  type DocumentStore,
  type EventRef,
} from '@skillgraph/platform';
import type { CourseViewRecord } from './records';

export const COURSES_VIEW_COLLECTION = { name: 'courses_view' };

/** What a course event may change in a view; the instructor never changes. */
export type CourseViewChanges = Partial<Pick<CourseViewRecord, 'title' | 'published'>>;

/**
 * The courses this subgraph knows about: a projection of course events (events/course-view.ts),
 * plus `upsert` for the demo seed and tests, which write views without events.
 */
export interface CourseDirectory {
  get(courseId: string): Promise<CourseViewRecord | null>;
  /** One query for any number of ids; the order of the result is not the order asked. */
  getMany(courseIds: readonly string[]): Promise<CourseViewRecord[]>;
  /** Creates or replaces what is known about one course; applying the same view twice is harmless. */
  upsert(view: CourseViewRecord): Promise<void>;
  /**
   * Records a course unless one with its id is known: the course id is the natural key, so a
   * redelivered COURSE_CREATED (or one for a seeded course) changes nothing.
   */
  insertIfAbsent(view: CourseViewRecord): Promise<'applied' | 'duplicate'>;
  /** Applies `changes` unless the event `ref` names was applied to this view already. */
  applyOnce(courseId: string, ref: EventRef, changes: CourseViewChanges): Promise<ApplyResult>;
}

// Reads hand out plain views: which events were applied is the projector's business.
const plain = (view: CourseViewRecord): CourseViewRecord => stripEventFields(view);

export async function openCourseDirectory(store: DocumentStore): Promise<CourseDirectory> {
  const views = await store.collection<CourseViewRecord>(COURSES_VIEW_COLLECTION);
  const replace = (view: CourseViewRecord) =>
    views.updateOne({ _id: view._id }, { $set: { instructorId: view.instructorId, title: view.title, published: view.published } });
  const fieldsOf = (view: CourseViewRecord): CourseViewRecord => ({ _id: view._id, instructorId: view.instructorId, title: view.title, published: view.published });
  return {
    get: async (courseId) => {
      const view = await views.findOne({ _id: courseId });
      return view && plain(view);
    },
    getMany: async (courseIds) => (await views.find({ _id: { $in: [...courseIds] } })).map(plain),
    async upsert(view) {
      // The port has no upsert; update first, insert when absent, and update again if a
      // concurrent upsert inserted in between.
      if (await replace(view)) return;
      try {
        await views.insertOne(fieldsOf(view));
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await replace(view);
      }
    },
    insertIfAbsent: (view) => insertOnce(views, fieldsOf(view)),
    applyOnce: (courseId, ref, changes) => applyOnce(views, courseId, ref, { $set: { ...changes } }),
  };
}
