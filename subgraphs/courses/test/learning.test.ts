import { createEvent, keyOf, newId, type AnyEvent, type Viewer } from '@skillgraph/platform';
import { idOf, onlyError, person, startCoursesSubgraph, waitFor, type CoursesHarness } from './harness';
import { addLesson, createCourse, publishedCourse, type CourseView } from './operations';

/**
 * Enrollment, progress and authoring at the courses subgraph: the Enrollment entity obeys the same
 * rules as the root field, completion waits for required assessments (learned from
 * assessment.events), and every authoring change publishes its event with contiguous positions.
 */

let h: CoursesHarness;
beforeAll(async () => {
  h = await startCoursesSubgraph();
});
afterAll(async () => h.stop());

const instructor = person('INSTRUCTOR');
const learner = person('STUDENT');
const other = person('STUDENT');
const admin = person('ADMIN');

const ENROLL = 'mutation ($id: ID!) { enroll(courseId: $id) { id status } }';
const PROGRESS = 'mutation ($lesson: ID!, $done: Boolean) { recordLessonProgress(lessonId: $lesson, input: { positionSeconds: 90, completed: $done }) { status progress { completedLessons } } }';
const ENTITY = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enrollment { id status user { id } } } }';
const LESSONS = 'id title position durationMinutes';

async function enroll(courseId: string, viewer: Viewer = learner): Promise<string> {
  const response = await h.gql<{ enroll: { id: string } }>(ENROLL, { id: courseId }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.enroll.id;
}

const typesOf = async (courseId: string): Promise<string[]> => {
  await h.settle();
  return h.events.forKey(courseId).map((message) => (message.value as { event_type: string }).event_type);
};

/** Publishes an assessment event as the assessments subgraph would. */
async function publishAssessmentEvent(event: AnyEvent): Promise<void> {
  await h.bus.publish('assessment.events', [{ key: keyOf(event), event, headers: {} }]);
}

describe('the Enrollment entity', () => {
  it('resolves only for the learner, the course instructor and admins', async () => {
    const course = await publishedCourse(h, instructor);
    const id = await enroll(course.id);
    const as = async (viewer: Viewer) => (await h.gql<{ _entities: unknown[] }>(ENTITY, { r: [{ __typename: 'Enrollment', id }] }, viewer)).data!._entities[0];
    expect(await as(other)).toBeNull();
    expect(await as(person('INSTRUCTOR'))).toBeNull();
    for (const viewer of [learner, instructor, admin]) expect(await as(viewer)).toEqual({ id, status: 'ACTIVE', user: { id: idOf(learner) } });
  });

  it('unenroll keeps the enrollment as CANCELLED; enrolling again reactivates the same one', async () => {
    const course = await publishedCourse(h, instructor);
    const id = await enroll(course.id);
    const left = await h.gql<{ unenroll: { id: string; status: string } }>('mutation ($id: ID!) { unenroll(courseId: $id) { id status } }', { id: course.id }, learner);
    expect(left.data!.unenroll).toEqual({ id, status: 'CANCELLED' });
    expect(await enroll(course.id)).toBe(id);
    expect(await typesOf(course.id)).toEqual(['COURSE_CREATED', 'LESSON_ADDED', 'COURSE_PUBLISHED', 'COURSE_ENROLLED', 'COURSE_UNENROLLED', 'COURSE_ENROLLED']);
  });
});

describe('completion with a required assessment', () => {
  it('waits for the required assessment to be passed, then completes once', async () => {
    const course = await publishedCourse(h, instructor);
    const lessonId = course.lessons[0]!.id;
    const assessmentId = newId();
    await publishAssessmentEvent(
      createEvent('ASSESSMENT_CREATED', { assessment_id: assessmentId, course_id: course.id, title: 'Gate', max_score: 1, passing_percentage: 50, required: true, final: false }),
    );
    await waitFor('the assessment to be known', async () => (await h.store.collection({ name: 'assessments_view' }).then((views) => views.findOne({ _id: assessmentId }))) !== null);
    await enroll(course.id);
    const done = await h.gql<{ recordLessonProgress: { status: string } }>(PROGRESS, { lesson: lessonId, done: true }, learner);
    expect(done.data!.recordLessonProgress.status).toBe('ACTIVE');

    const result = { user_id: idOf(learner), assessment_id: assessmentId, course_id: course.id, score: 1, percentage: 100, passed: true };
    await publishAssessmentEvent(createEvent('ASSESSMENT_COMPLETED', { ...result, score: 0, percentage: 0, passed: false }));
    await publishAssessmentEvent(createEvent('ASSESSMENT_COMPLETED', result));
    await publishAssessmentEvent(createEvent('ASSESSMENT_COMPLETED', result));
    const statusOf = async () => (await h.gql<{ course: { viewerEnrollment: { status: string } } }>('query ($id: ID!) { course(id: $id) { viewerEnrollment { status } } }', { id: course.id }, learner)).data!.course.viewerEnrollment.status;
    await waitFor('the course to complete', async () => (await statusOf()) === 'COMPLETED');
    expect((await typesOf(course.id)).filter((type) => type === 'COURSE_COMPLETED')).toHaveLength(1);
    const stats = await h.gql<{ course: { stats: { completed: number; averageScore: number } } }>('query ($id: ID!) { course(id: $id) { stats { completed averageScore } } }', { id: course.id }, instructor);
    expect(stats.data!.course.stats).toEqual({ completed: 1, averageScore: 100 });
  });
});

describe('authoring', () => {
  const UPDATE = `mutation ($id: ID!, $input: UpdateLessonInput!) { updateLesson(lessonId: $id, input: $input) { lessons { ${LESSONS} } } }`;
  const REMOVE = `mutation ($id: ID!) { removeLesson(lessonId: $id) { lessons { ${LESSONS} } } }`;
  const REORDER = `mutation ($id: ID!, $ids: [ID!]!) { reorderLessons(courseId: $id, lessonIds: $ids) { lessons { ${LESSONS} } } }`;

  async function courseWithLessons(): Promise<CourseView> {
    const course = await createCourse(h, instructor, 'Authoring');
    await addLesson(h, instructor, course.id, 'One');
    await addLesson(h, instructor, course.id, 'Two');
    return addLesson(h, instructor, course.id, 'Three');
  }

  it('updates, reorders and removes lessons, keeping positions contiguous, each with its event', async () => {
    const course = await courseWithLessons();
    const [one, two, three] = course.lessons.map((lesson) => lesson.id) as [string, string, string];
    const updated = await h.gql<{ updateLesson: { lessons: { title: string }[] } }>(UPDATE, { id: two, input: { title: 'Two, revised' } }, instructor);
    expect(updated.data!.updateLesson.lessons.map((lesson) => lesson.title)).toEqual(['One', 'Two, revised', 'Three']);
    const reordered = await h.gql<{ reorderLessons: { lessons: { id: string; position: number }[] } }>(REORDER, { id: course.id, ids: [three, one, two] }, instructor);
    expect(reordered.data!.reorderLessons.lessons.map(({ id, position }) => [id, position])).toEqual([[three, 1], [one, 2], [two, 3]]);
    const removed = await h.gql<{ removeLesson: { lessons: { id: string; position: number }[] } }>(REMOVE, { id: one }, instructor);
    expect(removed.data!.removeLesson.lessons.map(({ id, position }) => [id, position])).toEqual([[three, 1], [two, 2]]);
    expect((await typesOf(course.id)).slice(4)).toEqual(['LESSON_UPDATED', 'LESSONS_REORDERED', 'LESSON_REMOVED']);
  });

  it('refuses a reorder that does not list every lesson once, changing nothing', async () => {
    const course = await courseWithLessons();
    const ids = course.lessons.map((lesson) => lesson.id);
    for (const bad of [ids.slice(1), [ids[0], ids[0], ids[1]], [...ids.slice(1), newId()]]) {
      expect(onlyError(await h.gql(REORDER, { id: course.id, ids: bad }, instructor)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lessonIds' });
    }
    expect(await typesOf(course.id)).toHaveLength(4);
    expect(onlyError(await h.gql(REORDER, { id: course.id, ids: [...ids].reverse() }, other)).extensions?.code).toBe('FORBIDDEN');
  });

  it('unpublishes and archives: out of the catalogue, archived courses take no enrollments', async () => {
    const course = await publishedCourse(h, instructor, 'Short-lived');
    const unpublished = await h.gql<{ unpublishCourse: { status: string } }>('mutation ($id: ID!) { unpublishCourse(id: $id) { status } }', { id: course.id }, instructor);
    expect(unpublished.data!.unpublishCourse.status).toBe('DRAFT');
    await h.gql('mutation ($id: ID!) { publishCourse(id: $id) { status } }', { id: course.id }, instructor);
    const archived = await h.gql<{ archiveCourse: { status: string } }>('mutation ($id: ID!) { archiveCourse(id: $id) { status } }', { id: course.id }, instructor);
    expect(archived.data!.archiveCourse.status).toBe('ARCHIVED');
    expect(onlyError(await h.gql(ENROLL, { id: course.id }, learner)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'courseId' });
    expect(onlyError(await h.gql('mutation ($id: ID!) { publishCourse(id: $id) { status } }', { id: course.id }, instructor)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await typesOf(course.id)).slice(3)).toEqual(['COURSE_UNPUBLISHED', 'COURSE_PUBLISHED', 'COURSE_ARCHIVED']);
  });
});
