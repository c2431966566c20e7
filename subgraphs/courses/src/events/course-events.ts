import { createEvent, type AnyEvent } from '@skillgraph/platform';
import type { CourseChanges } from '../data/course-repository';
import type { CourseRecord, StoredLesson } from '../data/records';

/**
 * What the courses subgraph publishes (topic `course.events`, key = course id; shapes in
 * docs/events.md). Events are derived from the state change itself, not from which mutation asked
 * for it: a write cannot forget its event, and a change that changes nothing announces nothing.
 */

/** The fields whose changes COURSE_UPDATED reports, under their GraphQL names. */
const DETAIL_FIELDS = ['title', 'description'] as const;
/** The lesson fields whose changes LESSON_UPDATED reports. */
const LESSON_FIELDS = ['title', 'durationMinutes'] as const;

export function courseCreated(course: CourseRecord): AnyEvent[] {
  return [createEvent('COURSE_CREATED', { course_id: course._id, instructor_id: course.instructorId, title: course.title }, { at: course.createdAt })];
}

/** `changes` without the fields it would set to the value they already have. */
export function effectiveChanges(before: CourseRecord, changes: CourseChanges): CourseChanges {
  const effective: CourseChanges = { ...changes };
  for (const field of [...DETAIL_FIELDS, 'published', 'archived'] as const) {
    if (effective[field] === before[field]) delete effective[field];
  }
  if (effective.lessons && JSON.stringify(effective.lessons) === JSON.stringify(before.lessons)) delete effective.lessons;
  return effective;
}

/** The events of one update of `before`, committed at `at`, in the order they happened. */
export function courseChanged(before: CourseRecord, changes: CourseChanges, at: Date): AnyEvent[] {
  const courseId = before._id;
  const title = changes.title ?? before.title;
  const events: AnyEvent[] = [];

  const changedFields = DETAIL_FIELDS.filter((field) => changes[field] !== undefined && changes[field] !== before[field]);
  if (changedFields.length > 0) events.push(createEvent('COURSE_UPDATED', { course_id: courseId, changed_fields: changedFields, title }, { at }));

  if (changes.lessons) events.push(...lessonEvents(before.lessons, changes.lessons, courseId, at));

  if (changes.archived === true && !before.archived) {
    events.push(createEvent('COURSE_ARCHIVED', { course_id: courseId, title }, { at }));
  } else if (changes.published === false && before.published) {
    events.push(createEvent('COURSE_UNPUBLISHED', { course_id: courseId, title }, { at }));
  }

  if (changes.published === true && !before.published) {
    const publishedAt = at.toISOString();
    events.push(createEvent('COURSE_PUBLISHED', { course_id: courseId, instructor_id: before.instructorId, title, published_at: publishedAt }, { at }));
  }
  return events;
}

/** The lesson events of one rewrite of the lesson list: removals, additions, edits, then a new order. */
function lessonEvents(before: StoredLesson[], after: StoredLesson[], courseId: string, at: Date): AnyEvent[] {
  const events: AnyEvent[] = [];
  const previous = new Map(before.map((lesson) => [lesson._id, lesson]));
  const remaining = new Set(after.map((lesson) => lesson._id));
  for (const lesson of before) {
    if (!remaining.has(lesson._id)) events.push(createEvent('LESSON_REMOVED', { course_id: courseId, lesson_id: lesson._id }, { at }));
  }
  after.forEach((lesson, index) => {
    const old = previous.get(lesson._id);
    if (!old) {
      // The catalogue's position is zero-based; the record's (and GraphQL's) is 1-based.
      events.push(createEvent('LESSON_ADDED', { course_id: courseId, lesson_id: lesson._id, title: lesson.title, position: index }, { at }));
      return;
    }
    const changed = LESSON_FIELDS.filter((field) => old[field] !== lesson[field]);
    if (changed.length > 0) events.push(createEvent('LESSON_UPDATED', { course_id: courseId, lesson_id: lesson._id, changed_fields: [...changed], title: lesson.title }, { at }));
  });
  // A reorder is a change in the relative order of the lessons that stayed; an insertion or a
  // removal shifts positions without being one.
  const kept = before.map((lesson) => lesson._id).filter((id) => remaining.has(id));
  const keptAfter = after.map((lesson) => lesson._id).filter((id) => previous.has(id));
  if (kept.some((id, index) => keptAfter[index] !== id)) {
    events.push(createEvent('LESSONS_REORDERED', { course_id: courseId, lesson_ids: after.map((lesson) => lesson._id) }, { at }));
  }
  return events;
}
