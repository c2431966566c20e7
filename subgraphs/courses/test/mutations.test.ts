import { ANONYMOUS, newId } from '@skillgraph/platform';
import { idOf, onlyError, person, startCoursesSubgraph, type CoursesHarness } from './harness';
import {
  ADD_LESSON,
  CREATE_COURSE,
  PUBLISH_COURSE,
  UPDATE_COURSE,
  addLesson,
  createCourse,
  readCourse,
  type CourseView,
} from './operations';

let h: CoursesHarness;
beforeAll(async () => {
  h = await startCoursesSubgraph();
});
afterAll(async () => h.stop());

const instructor = person('INSTRUCTOR');
const otherInstructor = person('INSTRUCTOR');
const student = person('STUDENT');
const admin = person('ADMIN');

describe('createCourse', () => {
  it('creates an unpublished course taught by the caller', async () => {
    const course = await createCourse(h, instructor, '  Linear Algebra  ');
    expect(course).toMatchObject({ title: 'Linear Algebra', description: '', published: false, lessons: [] });
    expect(course.instructor).toEqual({ id: idOf(instructor) });
    expect(new Date(course.createdAt).toISOString()).toBe(course.createdAt);
  });

  it('lets admins create courses, which they then teach', async () => {
    const course = await createCourse(h, admin);
    expect(course.instructor.id).toBe(idOf(admin));
  });

  it.each([
    ['anonymous', ANONYMOUS, 'UNAUTHENTICATED'],
    ['a student', student, 'FORBIDDEN'],
  ])('refuses %s', async (_who, viewer, code) => {
    const before = await h.courses.count();
    const error = onlyError(await h.gql(CREATE_COURSE, { input: { title: 'Sneaky' } }, viewer));
    expect(error.extensions?.code).toBe(code);
    expect(await h.courses.count()).toBe(before);
  });

  it.each([
    ['a 2-character title', { title: 'ab' }, 'input.title'],
    ['a title that is short once trimmed', { title: '   a   ' }, 'input.title'],
    ['a 121-character title', { title: 'x'.repeat(121) }, 'input.title'],
    ['a 5001-character description', { title: 'Fine title', description: 'd'.repeat(5001) }, 'input.description'],
  ])('rejects %s naming %s, and stores nothing', async (_case, input, field) => {
    const before = await h.courses.count();
    const error = onlyError(await h.gql(CREATE_COURSE, { input }, instructor));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await h.courses.count()).toBe(before);
  });
});

describe('updateCourse', () => {
  let course: CourseView;
  beforeEach(async () => {
    course = await createCourse(h, instructor, 'Before');
  });

  it('changes the given fields, keeps the others and moves updatedAt', async () => {
    const response = await h.gql<{ updateCourse: CourseView }>(UPDATE_COURSE, { id: course.id, input: { description: 'New words' } }, instructor);
    expect(response.errors).toBeUndefined();
    expect(response.data!.updateCourse).toMatchObject({ title: 'Before', description: 'New words' });
    expect(response.data!.updateCourse.updatedAt >= course.updatedAt).toBe(true);
  });

  it('lets an admin change any course', async () => {
    const response = await h.gql<{ updateCourse: CourseView }>(UPDATE_COURSE, { id: course.id, input: { title: 'By admin' } }, admin);
    expect(response.data?.updateCourse.title).toBe('By admin');
  });

  it.each([
    ['anonymous', ANONYMOUS, 'UNAUTHENTICATED'],
    ['a student', student, 'FORBIDDEN'],
    ['another instructor', otherInstructor, 'FORBIDDEN'],
  ])('refuses %s and changes nothing', async (_who, viewer, code) => {
    const error = onlyError(await h.gql(UPDATE_COURSE, { id: course.id, input: { title: 'Hijacked' } }, viewer));
    expect(error.extensions?.code).toBe(code);
    expect((await readCourse(h, instructor, course.id))?.title).toBe('Before');
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(onlyError(await h.gql(UPDATE_COURSE, { id: newId(), input: { title: 'Nope' } }, admin)).extensions?.code).toBe('NOT_FOUND');
    expect(onlyError(await h.gql(UPDATE_COURSE, { id: 'not-an-id', input: { title: 'Nope' } }, admin)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('writes nothing when one field of several is invalid', async () => {
    const error = onlyError(await h.gql(UPDATE_COURSE, { id: course.id, input: { description: 'Valid', title: 'no' } }, instructor));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(await readCourse(h, instructor, course.id)).toMatchObject({ title: 'Before', description: '' });
  });
});

describe('addLesson', () => {
  it('appends by default and inserts at a position, renumbering the lessons after it', async () => {
    const course = await createCourse(h, instructor);
    await addLesson(h, instructor, course.id, 'First');
    await addLesson(h, instructor, course.id, 'Third');
    const after = await addLesson(h, instructor, course.id, 'Second', 2);
    expect(after.lessons.map((lesson) => [lesson.title, lesson.position])).toEqual([
      ['First', 1],
      ['Second', 2],
      ['Third', 3],
    ]);
    const atStart = await addLesson(h, instructor, course.id, 'Zeroth', 1);
    expect(atStart.lessons.map((lesson) => lesson.title)).toEqual(['Zeroth', 'First', 'Second', 'Third']);
    expect(atStart.lessons.map((lesson) => lesson.position)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['an empty title', { title: '', durationMinutes: 5 }, 'input.title'],
    ['a 121-character title', { title: 'x'.repeat(121), durationMinutes: 5 }, 'input.title'],
    ['0 minutes', { title: 'Ok', durationMinutes: 0 }, 'input.durationMinutes'],
    ['601 minutes', { title: 'Ok', durationMinutes: 601 }, 'input.durationMinutes'],
    ['position 0', { title: 'Ok', durationMinutes: 5, position: 0 }, 'input.position'],
    ['position n + 2', { title: 'Ok', durationMinutes: 5, position: 3 }, 'input.position'],
  ])('rejects %s naming %s, and the course keeps its lessons', async (_case, input, field) => {
    const course = await createCourse(h, instructor);
    await addLesson(h, instructor, course.id, 'Only');
    const error = onlyError(await h.gql(ADD_LESSON, { courseId: course.id, input }, instructor));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect((await readCourse(h, instructor, course.id))?.lessons.map((lesson) => lesson.title)).toEqual(['Only']);
  });

  it('refuses people who do not manage the course, and unknown or malformed course ids', async () => {
    const course = await createCourse(h, instructor);
    const input = { title: 'Mine', durationMinutes: 5 };
    expect(onlyError(await h.gql(ADD_LESSON, { courseId: course.id, input }, otherInstructor)).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await h.gql(ADD_LESSON, { courseId: course.id, input }, student)).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await h.gql(ADD_LESSON, { courseId: course.id, input }, ANONYMOUS)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(onlyError(await h.gql(ADD_LESSON, { courseId: newId(), input }, instructor)).extensions?.code).toBe('NOT_FOUND');
    expect(onlyError(await h.gql(ADD_LESSON, { courseId: 'nope', input }, instructor)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'courseId',
    });
    expect((await readCourse(h, instructor, course.id))?.lessons).toEqual([]);
    const byAdmin = await addLesson(h, admin, course.id, 'From admin');
    expect(byAdmin.lessons).toHaveLength(1);
  });

  it('keeps every lesson when several are added at once', async () => {
    const course = await createCourse(h, instructor);
    const titles = ['A', 'B', 'C', 'D'];
    await Promise.all(titles.map((title) => addLesson(h, instructor, course.id, title)));
    const lessons = (await readCourse(h, instructor, course.id))!.lessons;
    expect(lessons.map((lesson) => lesson.title).sort()).toEqual(titles);
    expect(lessons.map((lesson) => lesson.position)).toEqual([1, 2, 3, 4]);
    const stored = await h.courses.findById(course.id);
    expect(stored?.version).toBe(4);
  });
});

describe('publishCourse', () => {
  it('needs at least one lesson', async () => {
    const course = await createCourse(h, instructor);
    const error = onlyError(await h.gql(PUBLISH_COURSE, { id: course.id }, instructor));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await readCourse(h, instructor, course.id))?.published).toBe(false);
  });

  it('publishes for the instructor and admins only', async () => {
    const course = await createCourse(h, instructor);
    await addLesson(h, instructor, course.id);
    expect(onlyError(await h.gql(PUBLISH_COURSE, { id: course.id }, otherInstructor)).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await h.gql(PUBLISH_COURSE, { id: course.id }, student)).extensions?.code).toBe('FORBIDDEN');
    expect((await readCourse(h, instructor, course.id))?.published).toBe(false);
    const response = await h.gql<{ publishCourse: CourseView }>(PUBLISH_COURSE, { id: course.id }, instructor);
    expect(response.data?.publishCourse.published).toBe(true);
    const again = await h.gql<{ publishCourse: CourseView }>(PUBLISH_COURSE, { id: course.id }, admin);
    expect(again.data?.publishCourse.published).toBe(true);
  });

  it('answers NOT_FOUND for an unknown course', async () => {
    expect(onlyError(await h.gql(PUBLISH_COURSE, { id: newId() }, admin)).extensions?.code).toBe('NOT_FOUND');
  });
});
