import { PermanentFailure, startEventConsumer, type BackgroundTask, type EventBus, type EventHandlers, type Logger, type Subscription } from '@skillgraph/platform';
import type { CourseDirectory } from '../data/course-directory';

/**
 * Keeps the media subgraph's `courses_view` (instructor, published, lesson ids) current from
 * `course.events`, the same way the assessments subgraph keeps its own: COURSE_CREATED inserts
 * under the course id, every other event goes through `applyOnce` (idempotent by event id).
 * Events that arrive for a course not known yet are dead-lettered with the reason, except
 * COURSE_PUBLISHED, which carries enough to create the view.
 */
export const MEDIA_COURSE_VIEW_GROUP = 'media.course-view';

export function mediaCourseViewHandlers(directory: CourseDirectory): EventHandlers {
  const apply = async (courseId: string, ref: Parameters<CourseDirectory['applyOnce']>[1], update: Parameters<CourseDirectory['applyOnce']>[2], type: string) => {
    if ((await directory.applyOnce(courseId, ref, update)) === 'not-found') {
      throw new PermanentFailure(`course ${courseId} is not in the media course view: ${type} arrived before COURSE_CREATED`);
    }
  };
  return {
    COURSE_CREATED: async (event) => {
      await directory.insertIfAbsent({ _id: event.course_id, instructorId: event.instructor_id, title: event.title, published: false, lessonIds: [] });
    },
    COURSE_UPDATED: (event, { ref }) => apply(event.course_id, ref, { $set: { title: event.title } }, 'COURSE_UPDATED'),
    COURSE_PUBLISHED: async (event, { ref }) => {
      const publish = { $set: { title: event.title, published: true } };
      if ((await directory.applyOnce(event.course_id, ref, publish)) !== 'not-found') return;
      await directory.insertIfAbsent({ _id: event.course_id, instructorId: event.instructor_id, title: event.title, published: false, lessonIds: [] });
      await directory.applyOnce(event.course_id, ref, publish);
    },
    COURSE_UNPUBLISHED: (event, { ref }) => apply(event.course_id, ref, { $set: { published: false } }, 'COURSE_UNPUBLISHED'),
    COURSE_ARCHIVED: (event, { ref }) => apply(event.course_id, ref, { $set: { published: false } }, 'COURSE_ARCHIVED'),
    LESSON_ADDED: (event, { ref }) => apply(event.course_id, ref, { $addToSet: { lessonIds: event.lesson_id } }, 'LESSON_ADDED'),
    LESSON_REMOVED: (event, { ref }) => apply(event.course_id, ref, { $pull: { lessonIds: event.lesson_id } }, 'LESSON_REMOVED'),
  };
}

export interface MediaCourseViewOptions {
  bus: EventBus;
  directory: CourseDirectory;
  logger?: Logger;
  maxAttempts?: number;
}

/** The projector as a background task of the subgraph server: subscribed after listen, stopped after the drain. */
export function mediaCourseViewConsumer({ bus, directory, logger, maxAttempts }: MediaCourseViewOptions): BackgroundTask {
  let subscription: Subscription | undefined;
  return {
    name: MEDIA_COURSE_VIEW_GROUP,
    async start() {
      subscription = await startEventConsumer({ bus, groupId: MEDIA_COURSE_VIEW_GROUP, fromBeginning: true, maxAttempts, logger, handlers: mediaCourseViewHandlers(directory) });
    },
    async stop() {
      await subscription?.stop();
      subscription = undefined;
    },
  };
}
