import { badUserInput, parseId } from '@skillgraph/platform';
import type { AddLessonInput, CourseFilter, CreateCourseInput, InputMaybe, UpdateCourseInput } from '../generated/resolvers-types';
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
