import { ANONYMOUS, DLQ_HEADERS, createEvent, newId, stripEventFields, validateEvent, type AnyEvent, type DeliveredMessage } from '@skillgraph/platform';
import { COURSES_VIEW_COLLECTION } from '../src/data/course-directory';
import type { CourseViewRecord } from '../src/data/records';
import { idOf, onlyError, person, startAssessmentsSubgraph, waitFor, type AssessmentsHarness } from './harness';
import { ASSESSMENT, CREATE_ASSESSMENT, assessmentInput, createAssessment, knownCourse, question, type AssessmentView } from './fixtures';

// The subgraph as a producer (ASSESSMENT_CREATED through its outbox) and as a consumer (its course
// view, fed by course events published on the real embedded bus).

let h: AssessmentsHarness;
beforeAll(async () => {
  h = await startAssessmentsSubgraph();
});
afterAll(async () => h.stop());

const instructor = person('INSTRUCTOR');
const otherInstructor = person('INSTRUCTOR');
const student = person('STUDENT');

const publishCourseEvents = (...events: AnyEvent[]): Promise<void> =>
  h.bus.publish('course.events', events.map((event) => ({ key: (event as { course_id: string }).course_id, event })));

/** The course events a courses service would publish for a course's life. */
function courseLife(title = 'Event-fed Course') {
  const course_id = newId();
  const instructor_id = idOf(instructor);
  return {
    courseId: course_id,
    created: createEvent('COURSE_CREATED', { course_id, instructor_id, title }),
    renamed: createEvent('COURSE_UPDATED', { course_id, changed_fields: ['title'], title: `${title} (2nd edition)` }),
    published: createEvent('COURSE_PUBLISHED', { course_id, instructor_id, title: `${title} (2nd edition)`, published_at: new Date().toISOString() }),
  };
}

const viewOf = (courseId: string) => h.courseDirectory.get(courseId);
const untilView = (courseId: string, check: (view: CourseViewRecord | null) => boolean) =>
  waitFor(`the course view of ${courseId}`, async () => check(await viewOf(courseId)));

/** Publishes a marker course and waits for it: the consumer handles one topic in order, so everything published before was handled. */
async function consumerCaughtUp(): Promise<void> {
  const marker = courseLife('Marker');
  await publishCourseEvents(marker.created);
  await untilView(marker.courseId, (view) => view !== null);
}

async function read(viewer: typeof student, id: string): Promise<AssessmentView | null> {
  const response = await h.gql<{ assessment: AssessmentView | null }>(ASSESSMENT, { id }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.assessment;
}

describe('the course view, fed by course events', () => {
  it('lets the instructor add an assessment once the course is created, and students see it once it is published', async () => {
    const life = courseLife();
    expect(onlyError(await h.gql(CREATE_ASSESSMENT, { input: assessmentInput(life.courseId) }, instructor)).extensions?.code).toBe('NOT_FOUND');

    await publishCourseEvents(life.created);
    await untilView(life.courseId, (view) => view !== null);
    expect(await viewOf(life.courseId)).toEqual({ _id: life.courseId, instructorId: idOf(instructor), title: 'Event-fed Course', published: false });
    expect(onlyError(await h.gql(CREATE_ASSESSMENT, { input: assessmentInput(life.courseId) }, otherInstructor)).extensions?.code).toBe('FORBIDDEN');
    const assessment = await createAssessment(h, instructor, life.courseId);
    expect(await read(student, assessment.id)).toBeNull();

    await publishCourseEvents(life.renamed, life.published);
    await untilView(life.courseId, (view) => view?.published === true);
    expect(await viewOf(life.courseId)).toEqual({ _id: life.courseId, instructorId: idOf(instructor), title: 'Event-fed Course (2nd edition)', published: true });
    expect(await read(student, assessment.id)).toEqual(assessment);
    expect(await read(ANONYMOUS, assessment.id)).toEqual(assessment);
  });

  it('changes nothing when events it applied are delivered again', async () => {
    const life = courseLife('Replayed');
    const renamedAgain = createEvent('COURSE_UPDATED', { course_id: life.courseId, changed_fields: ['title'], title: 'Replayed (3rd edition)' });
    await publishCourseEvents(life.created, life.renamed, life.published, renamedAgain);
    await untilView(life.courseId, (view) => view?.title === 'Replayed (3rd edition)');
    const views = await h.store.collection<CourseViewRecord>(COURSES_VIEW_COLLECTION);
    const stored = await views.findOne({ _id: life.courseId });

    // Re-applying any of these would show: the creation would un-publish, the first rename and
    // the publication would bring the old title back. Twice, to be sure nothing accumulates.
    for (let round = 0; round < 2; round += 1) await publishCourseEvents(life.created, life.renamed, life.published);
    await consumerCaughtUp();
    expect(await views.findOne({ _id: life.courseId })).toEqual(stored);
    expect(await viewOf(life.courseId)).toEqual({ _id: life.courseId, instructorId: idOf(instructor), title: 'Replayed (3rd edition)', published: true });
  });

  it('dead-letters a COURSE_UPDATED for a course it does not know, and carries on', async () => {
    const dead: DeliveredMessage[] = [];
    const dlq = await h.bus.subscribe({ groupId: `test-dlq-${newId()}`, topics: ['course.events.dlq'], fromBeginning: true, handler: async (message) => void dead.push(message) });
    try {
      const orphan = courseLife('Orphan');
      await publishCourseEvents(orphan.renamed);
      await waitFor('the dead letter', () => dead.some((message) => message.key === orphan.courseId));
      const letter = dead.find((message) => message.key === orphan.courseId)!;
      expect(letter.value).toEqual(orphan.renamed);
      expect(letter.headers[DLQ_HEADERS.reason]).toMatch(/COURSE_UPDATED arrived before COURSE_CREATED/);
      expect(letter.headers[DLQ_HEADERS.group]).toBe('assessments.course-view');
      expect(await viewOf(orphan.courseId)).toBeNull();
      // The group moved on: the course's later events are applied.
      await publishCourseEvents(orphan.created);
      await untilView(orphan.courseId, (view) => view?.title === 'Orphan');
    } finally {
      await dlq.stop();
    }
  });

  it('creates the view from a COURSE_PUBLISHED whose COURSE_CREATED it never saw', async () => {
    const life = courseLife('Published first');
    await publishCourseEvents(life.published);
    await untilView(life.courseId, (view) => view?.published === true);
    expect(await viewOf(life.courseId)).toEqual({ _id: life.courseId, instructorId: idOf(instructor), title: 'Published first (2nd edition)', published: true });
    // The late COURSE_CREATED cannot take the publication back.
    await publishCourseEvents(life.created);
    await consumerCaughtUp();
    expect((await viewOf(life.courseId))?.published).toBe(true);
  });

  it('keeps the seed path (upsert) and event path on one view', async () => {
    const course = await knownCourse(h, instructor, false);
    await publishCourseEvents(createEvent('COURSE_PUBLISHED', { course_id: course._id, instructor_id: course.instructorId, title: course.title, published_at: new Date().toISOString() }));
    await untilView(course._id, (view) => view?.published === true);
    expect(await h.courseDirectory.getMany([course._id])).toEqual([{ ...course, published: true }]);
  });
});

describe('createAssessment publishes ASSESSMENT_CREATED', () => {
  it('exactly once, keyed by the assessment, with the documented payload', async () => {
    const course = await knownCourse(h, instructor, true);
    const input = { ...assessmentInput(course._id, 'Scored quiz'), questions: [question(), { ...question('Second?'), points: 5 }], passingPercentage: 62.5 };
    const response = await h.gql<{ createAssessment: AssessmentView }>(CREATE_ASSESSMENT, { input }, instructor);
    expect(response.errors).toBeUndefined();
    const created = response.data!.createAssessment;
    await h.settle();
    const received = h.events.forKey(created.id);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ topic: 'assessment.events', key: created.id });
    expect(validateEvent(received[0]!.value).ok).toBe(true);
    expect(received[0]!.value).toEqual({
      event_id: expect.any(String),
      event_type: 'ASSESSMENT_CREATED',
      timestamp: created.createdAt,
      version: 1,
      producer: 'assessments',
      assessment_id: created.id,
      course_id: course._id,
      title: 'Scored quiz',
      max_score: 7,
      passing_percentage: 62.5,
      required: false,
      final: false,
    });
  });

  it.each([
    ['a student', student, (courseId: string) => assessmentInput(courseId), 'FORBIDDEN'],
    ['another instructor', otherInstructor, (courseId: string) => assessmentInput(courseId), 'FORBIDDEN'],
    ['anonymous', ANONYMOUS, (courseId: string) => assessmentInput(courseId), 'UNAUTHENTICATED'],
    ['an invalid input', instructor, (courseId: string) => ({ ...assessmentInput(courseId), questions: [] }), 'BAD_USER_INPUT'],
    ['an unknown course', instructor, () => assessmentInput(newId()), 'NOT_FOUND'],
  ])('and nothing, storing nothing, when refused: %s', async (_case, viewer, input, code) => {
    const course = await knownCourse(h, instructor, true);
    await h.settle();
    const [eventsBefore, stored] = [h.events.all().length, await h.assessments.count()];
    expect(onlyError(await h.gql(CREATE_ASSESSMENT, { input: input(course._id) }, viewer)).extensions?.code).toBe(code);
    await h.settle();
    expect(h.events.all()).toHaveLength(eventsBefore);
    expect(await h.assessments.count()).toBe(stored);
  });

  it('never hands its bookkeeping to readers', async () => {
    const course = await knownCourse(h, instructor, true);
    const created = await createAssessment(h, instructor, course._id);
    const raw = await h.assessments.outboxSource.findOne({ _id: created.id });
    expect(stripEventFields(raw!)).not.toEqual(raw);
    expect(await h.assessments.findByIds([created.id])).toEqual([stripEventFields(raw!)]);
    expect((await h.assessments.findByCourseIds([course._id]))[0]).toEqual(stripEventFields(raw!));
  });
});
