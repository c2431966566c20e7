import type { Viewer } from '@skillgraph/platform';
import type { CoursesHarness } from './harness';

export const COURSE_FIELDS = `id title description published instructor { id } lessons { id title position durationMinutes } createdAt updatedAt`;

export interface CourseView {
  id: string;
  title: string;
  description: string;
  published: boolean;
  instructor: { id: string };
  lessons: { id: string; title: string; position: number; durationMinutes: number }[];
  createdAt: string;
  updatedAt: string;
}

export const CREATE_COURSE = `mutation ($input: CreateCourseInput!) { createCourse(input: $input) { ${COURSE_FIELDS} } }`;
export const UPDATE_COURSE = `mutation ($id: ID!, $input: UpdateCourseInput!) { updateCourse(id: $id, input: $input) { ${COURSE_FIELDS} } }`;
export const PUBLISH_COURSE = `mutation ($id: ID!) { publishCourse(id: $id) { ${COURSE_FIELDS} } }`;
export const ADD_LESSON = `mutation ($courseId: ID!, $input: AddLessonInput!) { addLesson(courseId: $courseId, input: $input) { ${COURSE_FIELDS} } }`;
export const COURSE = `query ($id: ID!) { course(id: $id) { ${COURSE_FIELDS} } }`;

/** Creates a course as `viewer` and returns it, failing the test if the mutation failed. */
export async function createCourse(h: CoursesHarness, viewer: Viewer, title = 'Graph Theory'): Promise<CourseView> {
  const response = await h.gql<{ createCourse: CourseView }>(CREATE_COURSE, { input: { title } }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.createCourse;
}

export async function addLesson(h: CoursesHarness, viewer: Viewer, courseId: string, title = 'Intro', position?: number): Promise<CourseView> {
  const input = position === undefined ? { title, durationMinutes: 10 } : { title, durationMinutes: 10, position };
  const response = await h.gql<{ addLesson: CourseView }>(ADD_LESSON, { courseId, input }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.addLesson;
}

/** A course with one lesson, published. */
export async function publishedCourse(h: CoursesHarness, viewer: Viewer, title = 'Published Course'): Promise<CourseView> {
  const course = await createCourse(h, viewer, title);
  await addLesson(h, viewer, course.id);
  const response = await h.gql<{ publishCourse: CourseView }>(PUBLISH_COURSE, { id: course.id }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.publishCourse;
}

export async function readCourse(h: CoursesHarness, viewer: Viewer, id: string): Promise<CourseView | null> {
  const response = await h.gql<{ course: CourseView | null }>(COURSE, { id }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.course;
}
