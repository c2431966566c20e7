import {
  PermanentFailure,
  startEventConsumer,
  type BackgroundTask,
  type EventBus,
  type EventHandlers,
  type Logger,
  type Subscription,
} from '@skillgraph/platform';
import type { CourseDirectory } from '../data/course-directory';

/**
 * Keeps `courses_view` (who teaches a course, its title, whether it is published) current from
 * `course.events`, so access checks never call the courses subgraph.
 *
 * Idempotent by event: COURSE_CREATED inserts under the course id (a second insert is refused);
 * the others go through `applyOnce`, which records the event id in the same write. Replaying
 * events this group already applied therefore changes nothing, and since `published` only ever
 * becomes true, a replayed COURSE_CREATED cannot un-publish a course either.
 *
 * Out-of-order events (impossible with per-key ordering, possible after a replay from an offset
 * or if COURSE_CREATED was dead-lettered):
 *  - COURSE_PUBLISHED for an unknown course creates the view: the event carries everything a
 *    view holds, so dropping it would hide a published course's assessments for good.
 *  - COURSE_UPDATED for an unknown course is dead-lettered (`course.events.dlq`, reason in the
 *    headers): it lacks the instructor, so it cannot create a view, and ignoring it silently
 *    would lose a title with no trace. Once the course is known, replay the dead letter.
 */
export const COURSE_VIEW_GROUP = 'assessments.course-view';

export function courseViewHandlers(directory: CourseDirectory): EventHandlers {
  return {
    COURSE_CREATED: async (event) => {
      await directory.insertIfAbsent({ _id: event.course_id, instructorId: event.instructor_id, title: event.title, published: false });
    },
    COURSE_UPDATED: async (event, { ref }) => {
      const result = await directory.applyOnce(event.course_id, ref, { title: event.title });
      if (result === 'not-found') {
        throw new PermanentFailure(`course ${event.course_id} is not in the course view: COURSE_UPDATED arrived before COURSE_CREATED`);
      }
    },
    COURSE_PUBLISHED: async (event, { ref }) => {
      const publish = { title: event.title, published: true };
      if ((await directory.applyOnce(event.course_id, ref, publish)) !== 'not-found') return;
      // Two writes, but each is safe to repeat: a crash between them leaves an unpublished view,
      // exactly what COURSE_CREATED would have made, and redelivery publishes it.
      await directory.insertIfAbsent({ _id: event.course_id, instructorId: event.instructor_id, title: event.title, published: false });
      await directory.applyOnce(event.course_id, ref, publish);
    },
    // Out of the catalogue: its assessments become as invisible as the course (an unknown course already is).
    COURSE_UNPUBLISHED: async (event, { ref }) => {
      await directory.applyOnce(event.course_id, ref, { title: event.title, published: false });
    },
    COURSE_ARCHIVED: async (event, { ref }) => {
      await directory.applyOnce(event.course_id, ref, { title: event.title, published: false });
    },
  };
}

export interface CourseViewConsumerOptions {
  bus: EventBus;
  directory: CourseDirectory;
  logger?: Logger;
  maxAttempts?: number;
}

/** The projector as a background task of the subgraph server: subscribed after listen, stopped after the drain. */
export function courseViewConsumer({ bus, directory, logger, maxAttempts }: CourseViewConsumerOptions): BackgroundTask {
  return projectionTask({ bus, logger, maxAttempts, groupId: COURSE_VIEW_GROUP, handlers: courseViewHandlers(directory) });
}

export interface ProjectionTaskOptions {
  bus: EventBus;
  groupId: string;
  handlers: EventHandlers;
  logger?: Logger;
  maxAttempts?: number;
}

/** A consumer group as a background task: subscribed after listen, stopped after the drain. */
export function projectionTask({ bus, groupId, handlers, logger, maxAttempts }: ProjectionTaskOptions): BackgroundTask {
  let subscription: Subscription | undefined;
  return {
    name: groupId,
    async start() {
      // A new deployment builds its view from the whole history.
      subscription = await startEventConsumer({ bus, groupId, fromBeginning: true, maxAttempts, logger, handlers });
    },
    async stop() {
      await subscription?.stop();
      subscription = undefined;
    },
  };
}
