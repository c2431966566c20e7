import { ANONYMOUS, stripEventFields, validateEvent, type DeliveredMessage } from '@skillgraph/platform';
import { idOf, onlyError, person, startCoursesSubgraph, type CoursesHarness } from './harness';
import { ADD_LESSON, CREATE_COURSE, PUBLISH_COURSE, UPDATE_COURSE, addLesson, createCourse, readCourse, type CourseView } from './operations';

// Every mutation's event, as a consumer receives it from the bus: one per change, on
// course.events, keyed by the course, valid against its schema, and nothing for a refused change.

let h: CoursesHarness;
beforeAll(async () => {
  h = await startCoursesSubgraph();
});
afterAll(async () => h.stop());

const instructor = person('INSTRUCTOR');
const otherInstructor = person('INSTRUCTOR');
const student = person('STUDENT');

const ENVELOPE = {
  event_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
  timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
  version: 1,
  producer: 'courses',
};

/** The events received for one course after everything committed was published. */
async function eventsOf(courseId: string): Promise<DeliveredMessage[]> {
  await h.settle();
  return h.events.forKey(courseId);
}

/** The one event the last step added for `courseId`, checked against the bus contract. */
async function onlyNewEvent(courseId: string, before: number): Promise<Record<string, unknown>> {
  const received = (await eventsOf(courseId)).slice(before);
  expect(received).toHaveLength(1);
  const [message] = received;
  expect(message).toMatchObject({ topic: 'course.events', key: courseId });
  expect(validateEvent(message!.value).ok).toBe(true);
  return message!.value as Record<string, unknown>;
}

describe('each mutation publishes exactly one event', () => {
  it('createCourse → COURSE_CREATED', async () => {
    const course = await createCourse(h, instructor, '  Linear Algebra ');
    expect(await onlyNewEvent(course.id, 0)).toEqual({
      ...ENVELOPE,
      event_type: 'COURSE_CREATED',
      course_id: course.id,
      instructor_id: idOf(instructor),
      title: 'Linear Algebra',
    });
  });

  it('updateCourse → COURSE_UPDATED naming only the fields that changed', async () => {
    const course = await createCourse(h, instructor, 'Before');
    const both = await h.gql(UPDATE_COURSE, { id: course.id, input: { title: 'After', description: 'Words' } }, instructor);
    expect(both.errors).toBeUndefined();
    expect(await onlyNewEvent(course.id, 1)).toEqual({ ...ENVELOPE, event_type: 'COURSE_UPDATED', course_id: course.id, changed_fields: ['title', 'description'], title: 'After' });

    // The title is unchanged here: it is reported, as the current title, but not as changed.
    const one = await h.gql(UPDATE_COURSE, { id: course.id, input: { title: 'After', description: 'Other words' } }, instructor);
    expect(one.errors).toBeUndefined();
    expect(await onlyNewEvent(course.id, 2)).toMatchObject({ event_type: 'COURSE_UPDATED', changed_fields: ['description'], title: 'After' });
  });

  it('updateCourse to the values a course already has changes nothing and publishes nothing', async () => {
    const course = await createCourse(h, instructor, 'Stable');
    const response = await h.gql<{ updateCourse: CourseView }>(UPDATE_COURSE, { id: course.id, input: { title: ' Stable ', description: '' } }, instructor);
    expect(response.data?.updateCourse).toEqual(course);
    expect(await eventsOf(course.id)).toHaveLength(1);
  });

  it('addLesson → LESSON_ADDED with the zero-based position the lesson took', async () => {
    const course = await createCourse(h, instructor);
    await addLesson(h, instructor, course.id, 'Second');
    const after = await addLesson(h, instructor, course.id, 'First', 1);
    const lesson = after.lessons[0]!;
    expect(lesson.title).toBe('First');
    expect(await onlyNewEvent(course.id, 2)).toEqual({
      ...ENVELOPE,
      event_type: 'LESSON_ADDED',
      course_id: course.id,
      lesson_id: lesson.id,
      title: 'First',
      position: 0,
    });
  });

  it('publishCourse → COURSE_PUBLISHED once, however often it is asked', async () => {
    const course = await createCourse(h, instructor, 'To publish');
    await addLesson(h, instructor, course.id);
    const response = await h.gql<{ publishCourse: CourseView }>(PUBLISH_COURSE, { id: course.id }, instructor);
    expect(response.errors).toBeUndefined();
    const event = await onlyNewEvent(course.id, 2);
    expect(event).toEqual({
      ...ENVELOPE,
      event_type: 'COURSE_PUBLISHED',
      course_id: course.id,
      instructor_id: idOf(instructor),
      title: 'To publish',
      published_at: response.data!.publishCourse.updatedAt,
    });
    expect((await h.gql(PUBLISH_COURSE, { id: course.id }, instructor)).errors).toBeUndefined();
    expect(await eventsOf(course.id)).toHaveLength(3);
  });
});

describe('a refused mutation publishes nothing and stores nothing', () => {
  it.each([
    ['anonymous', ANONYMOUS, { title: 'Sneaky' }, 'UNAUTHENTICATED'],
    ['a student', student, { title: 'Sneaky' }, 'FORBIDDEN'],
    ['a too-short title', instructor, { title: 'ab' }, 'BAD_USER_INPUT'],
  ])('createCourse by %s', async (_case, viewer, input, code) => {
    await h.settle();
    const [eventsBefore, coursesBefore] = [h.events.all().length, await h.courses.count()];
    expect(onlyError(await h.gql(CREATE_COURSE, { input }, viewer)).extensions?.code).toBe(code);
    await h.settle();
    expect(h.events.all()).toHaveLength(eventsBefore);
    expect(await h.courses.count()).toBe(coursesBefore);
  });

  it('updateCourse, addLesson and publishCourse refused for access or input', async () => {
    const course = await createCourse(h, instructor, 'Guarded');
    const lesson = { title: 'Lesson', durationMinutes: 5 };
    const refusals = [
      [UPDATE_COURSE, { id: course.id, input: { title: 'Hijacked' } }, otherInstructor, 'FORBIDDEN'],
      [UPDATE_COURSE, { id: course.id, input: { title: 'Hijacked' } }, student, 'FORBIDDEN'],
      [UPDATE_COURSE, { id: course.id, input: { description: 'Fine', title: 'no' } }, instructor, 'BAD_USER_INPUT'],
      [ADD_LESSON, { courseId: course.id, input: lesson }, otherInstructor, 'FORBIDDEN'],
      [ADD_LESSON, { courseId: course.id, input: { ...lesson, durationMinutes: 0 } }, instructor, 'BAD_USER_INPUT'],
      [PUBLISH_COURSE, { id: course.id }, instructor, 'BAD_USER_INPUT'],
      [PUBLISH_COURSE, { id: course.id }, ANONYMOUS, 'UNAUTHENTICATED'],
    ] as const;
    for (const [mutation, variables, viewer, code] of refusals) {
      expect(onlyError(await h.gql(mutation, variables, viewer)).extensions?.code).toBe(code);
    }
    expect((await eventsOf(course.id)).map((message) => (message.value as { event_type: string }).event_type)).toEqual(['COURSE_CREATED']);
    expect(await readCourse(h, instructor, course.id)).toEqual(course);
  });
});

describe('the outbox', () => {
  it('keeps events in the course document while the relay is stopped, and publishes them when it runs again', async () => {
    await h.relay.stop();
    try {
      const course = await createCourse(h, instructor, 'Written while the relay is down');
      await addLesson(h, instructor, course.id);
      expect(await h.relay.backlog()).toMatchObject({ count: 2 });
      expect(h.events.forKey(course.id)).toEqual([]);
      h.relay.start();
      const types = (await eventsOf(course.id)).map((message) => (message.value as { event_type: string }).event_type);
      expect(types).toEqual(['COURSE_CREATED', 'LESSON_ADDED']);
      expect(await h.relay.backlog()).toEqual({ count: 0, oldestAgeMs: 0 });
    } finally {
      h.relay.start();
    }
  });

  it('never hands its bookkeeping to readers', async () => {
    const course = await createCourse(h, instructor, 'Plain records');
    const withLesson = await addLesson(h, instructor, course.id);
    const raw = await h.courses.outboxSource.findOne({ _id: course.id });
    // The stored document does carry the outbox (emptied once published)...
    expect(stripEventFields(raw!)).not.toEqual(raw);
    // ...and no read returns it.
    const plain = stripEventFields(raw!);
    const reads = [
      await h.courses.findById(course.id),
      ...(await h.courses.findByIds([course.id])),
      ...(await h.courses.findByLessonIds([withLesson.lessons[0]!.id])),
      ...(await h.courses.findByInstructorIds([idOf(instructor)])).filter((found) => found._id === course.id),
      ...(await h.courses.list({ scope: { kind: 'all' }, titleContains: 'Plain records' }, {})).edges.map((edge) => edge.node),
    ];
    expect(reads).toHaveLength(5);
    for (const read of reads) expect(read).toEqual(plain);
  });
});
