import { newId, type QueryEvent } from '@skillgraph/platform';
import { openEnrollmentRepository } from '@skillgraph/courses/src/data/enrollment-repository';
import type { EnrollmentRecord } from '@skillgraph/courses/src/data/records';
import type { Stack } from '../src';
import { LEARNER, answersFor, eventually, login, ok, onceProjected, publishedCourseWithFinal, recordTopics, register, type Client } from './support/learning-loop';
import { startTestStack } from './support/stack';

/** Races a client can cause, and the stats query's cost, through the gateway. */

let stack: Stack;
let events: Awaited<ReturnType<typeof recordTopics>>;
let grace: Client;

beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  events = await recordTopics(stack.bus, ['course.events', 'assessment.events']);
  grace = await login(stack, 'grace@skillgraph.dev');
});
afterAll(async () => {
  await events?.stop();
  await stack?.stop();
});

/** True once every event staged in the document has been published (the relay empties the outbox). */
async function outboxEmpty(subgraph: 'courses' | 'assessments', collection: string, id: string): Promise<boolean> {
  const documents = await stack.stores[subgraph].collection<{ _id: string; _outbox?: unknown[] }>({ name: collection });
  const document = await documents.findOne({ _id: id });
  return document !== null && (document._outbox ?? []).length === 0;
}

const eventsOf = (type: string, match: Record<string, unknown>) =>
  events.received.filter((message) => message.value.event_type === type && Object.entries(match).every(([key, value]) => message.value[key] === value));

describe('concurrency', () => {
  it('grades the same attempt submitted twice at once exactly once', async () => {
    const course = await publishedCourseWithFinal(grace, 'Race course', 1);
    const student = await register(stack, 'Racing Student');
    ok(await student.gql(LEARNER.enroll, { id: course.courseId }));
    const { startAttempt } = await onceProjected('the enrollment', () => student.gql<{ startAttempt: { id: string } }>(LEARNER.start, { id: course.assessment.id }));

    const answers = answersFor(course.assessment, 'right');
    const results = await Promise.all([1, 2, 3, 4].map(() => student.gql<{ submitAttempt: { status: string; score: number } }>(LEARNER.submit, { id: startAttempt.id, answers })));
    const graded = results.filter((result) => !result.errors);
    const refused = results.filter((result) => result.errors);
    expect(graded).toHaveLength(1);
    expect(graded[0]!.data!.submitAttempt).toMatchObject({ status: 'GRADED', score: 5 });
    expect(refused.map((result) => result.errors![0]!.extensions?.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);

    // Wait until nothing is left to publish, so no second grade can still be on its way.
    await eventually('ASSESSMENT_COMPLETED', async () => eventsOf('ASSESSMENT_COMPLETED', { user_id: student.id }).length === 1);
    await eventually('an empty outbox', () => outboxEmpty('assessments', 'attempts', startAttempt.id));
    expect(eventsOf('ASSESSMENT_SUBMITTED', { submission_id: startAttempt.id })).toHaveLength(1);
    expect(eventsOf('ASSESSMENT_COMPLETED', { user_id: student.id })).toHaveLength(1);
  });

  it('leaves the right final state after 50 concurrent progress updates', async () => {
    const course = await publishedCourseWithFinal(grace, 'Busy course', 2);
    const student = await register(stack, 'Busy Student');
    const { enroll } = ok(await student.gql<{ enroll: { id: string } }>(LEARNER.enroll, { id: course.courseId }));
    const [first, second] = course.lessonIds as [string, string];

    // Positions 1..50 over two lessons in any order; every fifth report says "completed" (five per lesson).
    const reports = Array.from({ length: 50 }, (_, index) => ({ lesson: index % 2 === 0 ? first : second, pos: index + 1, done: (index + 1) % 5 === 0 }));
    const answers = await Promise.all(reports.map((report) => student.gql(LEARNER.progress, report)));
    expect(answers.filter((answer) => answer.errors)).toEqual([]);

    const { enrollment } = ok(await student.gql<{ enrollment: { progress: { completedLessons: number }; lessonProgress: { lesson: { id: string }; watchedSeconds: number; completed: boolean }[] } }>(
      'query ($id: ID!) { enrollment(id: $id) { progress { completedLessons } lessonProgress { lesson { id } watchedSeconds completed } } }',
      { id: enroll.id },
    ));
    // Watch time is the furthest position each lesson reached; both lessons got a "completed".
    expect(enrollment.lessonProgress).toEqual([
      { lesson: { id: first }, watchedSeconds: 49, completed: true },
      { lesson: { id: second }, watchedSeconds: 50, completed: true },
    ]);
    expect(enrollment.progress.completedLessons).toBe(2);
    await eventually('an empty outbox', () => outboxEmpty('courses', 'enrollments', enroll.id));
    await eventually('LESSON_COMPLETED events', async () => eventsOf('LESSON_COMPLETED', { user_id: student.id }).length >= 2);
    // Five "completed" reports per lesson, one event per lesson.
    expect(eventsOf('LESSON_COMPLETED', { user_id: student.id }).map((message) => message.value.lesson_id).sort()).toEqual([first, second].sort());
  });
});

describe('instructor stats', () => {
  async function courseWithLearners(count: number): Promise<string> {
    const course = await publishedCourseWithFinal(grace, `Stats course ${count}`, 3);
    const enrollments = await openEnrollmentRepository(stack.stores.courses);
    const now = new Date();
    const records: EnrollmentRecord[] = Array.from({ length: count }, (_, index) => {
      // Learner i completed the first i % 4 lessons; every fourth one completed the course.
      const done = index % 4;
      const lessons = Object.fromEntries(
        course.lessonIds.map((lessonId, position) => [lessonId, { positionSeconds: 60, watchedSeconds: 60 * (position + 1), completed: position < done, completedAt: position < done ? now : null, updatedAt: now }]),
      );
      return {
        _id: newId(),
        userId: newId(),
        courseId: course.courseId,
        status: done === 3 ? 'COMPLETED' : 'ACTIVE',
        enrolledAt: now,
        completedAt: done === 3 ? now : null,
        cancelledAt: null,
        lessons,
        lastLessonId: course.lessonIds[0]!,
        lastPosition: 60,
        bestPercentages: { [course.assessment.id]: done === 3 ? 100 : 40 },
        passedAssessmentIds: done === 3 ? [course.assessment.id] : [],
      };
    });
    await enrollments.insertMany(records);
    // The courses subgraph learns of the assessment from assessment.events; once it has, nothing
    // else writes to its store on its own, and every query counted below is the request's.
    const views = await stack.stores.courses.collection({ name: 'assessments_view' });
    await eventually('the assessment to reach the courses subgraph', async () => (await views.findOne({ _id: course.assessment.id })) !== null);
    return course.courseId;
  }

  const STATS = `query ($id: ID!) { course(id: $id) {
    stats { enrolled active completed cancelled completionRate averageScore lessons { lesson { position } views averageWatchSeconds completionRate } dropOffLesson { position } }
    enrollments(first: 100) { totalCount edges { node { id status progress { completedLessons percent } } } }
  } }`;

  async function statsWithQueries(courseId: string) {
    const queries: QueryEvent[] = [];
    const stop = stack.stores.courses.onQuery((event) => {
      // The stats request only reads. Relays (polls, marking events published) and consumers write on
      // their own schedule, so writes and outbox polls in this window are not the request's.
      const read = event.operation === 'find' || event.operation === 'findOne' || event.operation === 'count';
      if (read && !JSON.stringify(event.filter ?? {}).includes('_outbox') && ['courses', 'enrollments'].includes(event.collection)) queries.push(event);
    });
    try {
      const result = ok(await grace.gql<{ course: { stats: Record<string, unknown>; enrollments: { totalCount: number } } }>(STATS, { id: courseId }));
      return { result, queries };
    } finally {
      stop();
    }
  }

  it('resolve for 200 learners with the same constant number of store queries as for 20', async () => {
    const small = await statsWithQueries(await courseWithLearners(20));
    const large = await statsWithQueries(await courseWithLearners(200));

    expect(large.result.course.stats).toEqual({
      enrolled: 200,
      active: 150,
      completed: 50,
      cancelled: 0,
      completionRate: 0.25,
      averageScore: 55,
      lessons: [
        { lesson: { position: 1 }, views: 200, averageWatchSeconds: 60, completionRate: 0.75 },
        { lesson: { position: 2 }, views: 200, averageWatchSeconds: 120, completionRate: 0.5 },
        { lesson: { position: 3 }, views: 200, averageWatchSeconds: 180, completionRate: 0.25 },
      ],
      dropOffLesson: { position: 1 },
    });
    expect(large.result.course.enrollments.totalCount).toBe(200);
    // course (1) + all enrollments for the stats (1) + one page and its count (2): no query per learner.
    expect(large.queries.map((query) => `${query.collection}.${query.operation}`).sort()).toEqual(small.queries.map((query) => `${query.collection}.${query.operation}`).sort());
    expect(large.queries.length).toBeLessThanOrEqual(4);
    console.log(`store queries for the stats and first page: ${small.queries.length} with 20 learners, ${large.queries.length} with 200`);
  });

  it('are hidden from students and from other instructors', async () => {
    const courseId = await courseWithLearners(3);
    const student = await login(stack, 'marie@skillgraph.dev');
    const alan = await login(stack, 'alan@skillgraph.dev');
    for (const viewer of [student, alan]) {
      const { course } = ok(await viewer.gql<{ course: { stats: unknown; enrollments: unknown } }>('query ($id: ID!) { course(id: $id) { stats { enrolled } enrollments { totalCount } } }', { id: courseId }));
      expect(course).toEqual({ stats: null, enrollments: null });
    }
  });
});
