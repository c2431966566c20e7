import { createEvent, type AnyEvent } from '@skillgraph/platform';
import type { CourseChanges } from '../data/course-repository';
import type { CourseRecord } from '../data/records';

/**
 * What the courses subgraph publishes (topic `course.events`, key = course id; shapes in
 * docs/events.md). Events are derived from the state change itself, not from which mutation asked
 * for it: a write cannot forget its event, and a change that changes nothing announces nothing.
 */

/** The fields whose changes COURSE_UPDATED reports, under their GraphQL names. */
const DETAIL_FIELDS = ['title', 'description'] as const;

export function courseCreated(course: CourseRecord): AnyEvent[] {
  return [createEvent('COURSE_CREATED', { course_id: course._id, instructor_id: course.instructorId, title: course.title }, { at: course.createdAt })];
}

/** `changes` without the fields it would set to the value they already have. */
export function effectiveChanges(before: CourseRecord, changes: CourseChanges): CourseChanges {
  const effective: CourseChanges = { ...changes };
  for (const field of [...DETAIL_FIELDS, 'published'] as const) {
    if (effective[field] === before[field]) delete effective[field];
  }
  return effective;
}

/** The events of one update of `before`, committed at `at`, in the order they happened. */
export function courseChanged(before: CourseRecord, changes: CourseChanges, at: Date): AnyEvent[] {
  const courseId = before._id;
  const title = changes.title ?? before.title;
  const events: AnyEvent[] = [];

  const changedFields = DETAIL_FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== before[field]);
  if (changedFields.length > 0) events.push(createEvent('COURSE_UPDATED', { course_id: courseId, changed_fields: changedFields, title }, { at }));

  if (changes.lessons) {
    const existing = new Set(before.lessons.map((lesson) => lesson._id));
    changes.lessons.forEach((lesson, index) => {
      if (existing.has(lesson._id)) return;
      // The catalogue's position is zero-based; the record's (and GraphQL's) is 1-based.
      events.push(createEvent('LESSON_ADDED', { course_id: courseId, lesson_id: lesson._id, title: lesson.title, position: index }, { at }));
    });
  }

  if (changes.published === true && !before.published) {
    const publishedAt = at.toISOString();
    events.push(createEvent('COURSE_PUBLISHED', { course_id: courseId, instructor_id: before.instructorId, title, published_at: publishedAt }, { at }));
  }
  return events;
}
