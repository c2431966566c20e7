import { badUserInput, parseId } from '@skillgraph/platform';
import type { AddLessonInput, CourseFilter, CreateCourseInput, InputMaybe, UpdateCourseInput, UpdateLessonInput } from '../generated/resolvers-types';
import type { CourseChanges, CourseQuery } from '../data/course-repository';
import type { StoredLesson } from '../data/records';
import { checkInteger, checkText } from '@skillgraph/platform';

const TITLE = { min: 3, max: 120 };
const DESCRIPTION = { min: 0, max: 5000 };
const LESSON_TITLE = { min: 1, max: 120 };
const LESSON_MINUTES = { min: 1, max: 600 };
const TITLE_SEARCH = { min: 1, max: 100 };
/**
 * Lessons live inside the course document; a bound keeps that document far below MongoDB's 16 MB
 * and every rewrite of the lesson array cheap.
 */
export const MAX_LESSONS = 500;

export function checkNewCourse(input: CreateCourseInput): { title: string; description: string } {
  return {
    title: checkText(input.title, 'input.title', 'Title', TITLE),
    description: checkText(input.description ?? '', 'input.description', 'Description', DESCRIPTION),
  };
}

/** Omitted and null fields keep their value. */
export function checkCourseChanges(input: UpdateCourseInput): CourseChanges {
  const changes: CourseChanges = {};
  if (input.title != null) changes.title = checkText(input.title, 'input.title', 'Title', TITLE);
  if (input.description != null) changes.description = checkText(input.description, 'input.description', 'Description', DESCRIPTION);
  return changes;
}

/** The lessons after inserting a new one; `lessons` is the course's current list. */
export function withNewLesson(lessons: StoredLesson[], input: AddLessonInput, newLessonId: string): StoredLesson[] {
  const title = checkText(input.title, 'input.title', 'Title', LESSON_TITLE);
  const durationMinutes = checkInteger(input.durationMinutes, 'input.durationMinutes', 'Duration', LESSON_MINUTES);
  const position = checkInteger(input.position ?? lessons.length + 1, 'input.position', 'Position', { min: 1, max: lessons.length + 1 });
  if (lessons.length >= MAX_LESSONS) throw badUserInput(`A course holds at most ${MAX_LESSONS} lessons.`, 'courseId');
  const next = [...lessons];
  next.splice(position - 1, 0, { _id: newLessonId, title, position, durationMinutes });
  return next.map((lesson, index) => ({ ...lesson, position: index + 1 }));
}

/** The client's filter as repository criteria; the caller adds the viewer's scope. */
export function checkCourseFilter(filter: InputMaybe<CourseFilter> | undefined): Omit<CourseQuery, 'scope'> {
  const query: Omit<CourseQuery, 'scope'> = {};
  if (!filter) return query;
  if (filter.published != null) query.published = filter.published;
  if (filter.instructorId != null) query.instructorId = parseId(filter.instructorId, 'filter.instructorId');
  if (filter.titleContains != null) {
    const length = [...filter.titleContains].length;
    if (length < TITLE_SEARCH.min || length > TITLE_SEARCH.max) {
      throw badUserInput(`titleContains must be ${TITLE_SEARCH.min} to ${TITLE_SEARCH.max} characters.`, 'filter.titleContains');
    }
    query.titleContains = filter.titleContains;
  }
  return query;
}

const renumber = (lessons: StoredLesson[]): StoredLesson[] => lessons.map((lesson, index) => ({ ...lesson, position: index + 1 }));

/** The lessons after editing one; omitted and null fields keep their value. */
export function withUpdatedLesson(lessons: StoredLesson[], lessonId: string, input: UpdateLessonInput): StoredLesson[] {
  const title = input.title == null ? undefined : checkText(input.title, 'input.title', 'Title', LESSON_TITLE);
  const durationMinutes = input.durationMinutes == null ? undefined : checkInteger(input.durationMinutes, 'input.durationMinutes', 'Duration', LESSON_MINUTES);
  return lessons.map((lesson) =>
    lesson._id === lessonId ? { ...lesson, ...(title === undefined ? {} : { title }), ...(durationMinutes === undefined ? {} : { durationMinutes }) } : lesson,
  );
}

/** The lessons without one, renumbered; a published course keeps at least one lesson. */
export function withoutLesson(lessons: StoredLesson[], lessonId: string, published: boolean): StoredLesson[] {
  if (published && lessons.length === 1) throw badUserInput('A published course keeps at least one lesson; unpublish it first.', 'lessonId');
  return renumber(lessons.filter((lesson) => lesson._id !== lessonId));
}

/** The lessons in the order `lessonIds` gives, which must name every lesson exactly once. */
export function reordered(lessons: StoredLesson[], lessonIds: readonly string[]): StoredLesson[] {
  const byId = new Map(lessons.map((lesson) => [lesson._id, lesson]));
  const unique = new Set(lessonIds);
  if (lessonIds.length !== lessons.length || unique.size !== lessonIds.length || lessonIds.some((id) => !byId.has(id))) {
    throw badUserInput("lessonIds must list every lesson of the course exactly once.", 'lessonIds');
  }
  return renumber(lessonIds.map((id) => byId.get(id)!));
}
