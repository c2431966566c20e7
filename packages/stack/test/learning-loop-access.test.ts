import type { Stack } from '../src';
import { LEARNER, answersFor, eventually, login, ok, onceProjected, publishedCourseWithFinal, register, type Client } from './support/learning-loop';
import { startTestStack } from './support/stack';

/**
 * Who may see what in the learning loop, through the one endpoint: a learner sees only their own
 * enrollments, progress, attempts and certificates, never an answer key before grading, and
 * cannot take assessments of courses they are not enrolled in. Bad input is refused, naming the
 * field, and stores nothing.
 */

let stack: Stack;
const UNKNOWN = '01900000-0000-7000-8000-000000000000';
let grace: Client;
let alan: Client;
let admin: Client;
let owner: Client;
let intruder: Client;
let course: Awaited<ReturnType<typeof publishedCourseWithFinal>>;
let enrollmentId: string;
let attemptId: string;

beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  [grace, alan, admin] = await Promise.all([login(stack, 'grace@skillgraph.dev'), login(stack, 'alan@skillgraph.dev'), login(stack, 'admin@skillgraph.dev')]);
  owner = await register(stack, 'Owning Student');
  intruder = await register(stack, 'Curious Student');
  course = await publishedCourseWithFinal(grace, 'Private matters', 1, { maxAttempts: 2 });
  enrollmentId = ok(await owner.gql<{ enroll: { id: string } }>(LEARNER.enroll, { id: course.courseId })).enroll.id;
  const { startAttempt } = await onceProjected('the enrollment', () => owner.gql<{ startAttempt: { id: string } }>(LEARNER.start, { id: course.assessment.id }));
  attemptId = startAttempt.id;
});
afterAll(() => stack?.stop());

describe('learners see only their own', () => {
  it('cannot read another learner’s enrollment, progress or attempt by id', async () => {
    const query = 'query ($e: ID!, $a: ID!) { enrollment(id: $e) { id progress { percent } } attempt(id: $a) { id score } }';
    expect(ok(await intruder.gql(query, { e: enrollmentId, a: attemptId }))).toEqual({ enrollment: null, attempt: null });
    expect(ok(await owner.gql(query, { e: enrollmentId, a: attemptId }))).toEqual({ enrollment: { id: enrollmentId, progress: { percent: 0 } }, attempt: { id: attemptId, score: null } });
    // The course's instructor sees them; another instructor does not.
    expect(ok(await grace.gql<{ enrollment: unknown }>(query, { e: enrollmentId, a: attemptId })).enrollment).not.toBeNull();
    expect(ok(await alan.gql(query, { e: enrollmentId, a: attemptId }))).toEqual({ enrollment: null, attempt: null });
  });

  it('cannot read another learner’s enrollments or certificates through the User entity', async () => {
    const query = 'query ($id: ID!) { user(id: $id) { enrollments { totalCount } certificates { certificateId } } }';
    const seen = await intruder.gql<{ user: { enrollments: unknown; certificates: unknown } | null }>(query, { id: owner.id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.user).toEqual({ enrollments: null, certificates: null });
    const own = ok(await owner.gql<{ me: { enrollments: { totalCount: number }; certificates: unknown[] } }>('{ me { enrollments { totalCount } certificates { certificateId } } }'));
    expect(own.me).toEqual({ enrollments: { totalCount: 1 }, certificates: [] });
  });

  it('cannot see the answer key: no such field, and no results before grading', async () => {
    const key = await owner.gql('query ($id: ID!) { assessment(id: $id) { questions { choices { id correct } } } }', { id: course.assessment.id });
    expect(key.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(ok(await owner.gql('query ($id: ID!) { attempt(id: $id) { status results { correctChoiceIds } } }', { id: attemptId }))).toEqual({ attempt: { status: 'IN_PROGRESS', results: [] } });
  });

  it('cannot start an attempt on a course they are not enrolled in', async () => {
    const refused = await intruder.gql(LEARNER.start, { id: course.assessment.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Someone else's attempt is answered exactly like an unknown one.
    const stranger = await intruder.gql(LEARNER.submit, { id: attemptId, answers: [] });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attemptId' });
    const unknown = await intruder.gql(LEARNER.submit, { id: '01900000-0000-7000-8000-000000000000', answers: [] });
    expect(unknown.errors?.[0]?.message).toBe(stranger.errors?.[0]?.message);
  });
});

describe('bad input stores nothing', () => {
  const [first, second] = [0, 1];
  it.each([
    ['an unknown question', () => [{ questionId: '01900000-0000-7000-8000-000000000000', choiceIds: [] }], 'answers[0].questionId'],
    ['the same question twice', () => [answersFor(course.assessment, 'right')[first]!, answersFor(course.assessment, 'wrong')[first]!], 'answers[1].questionId'],
    ['a choice of another question', () => [{ questionId: course.assessment.questions[first]!.id, choiceIds: [course.assessment.questions[second]!.choices[0]!.id] }], 'answers[0].choiceIds'],
    ['the same choice twice', () => [{ questionId: course.assessment.questions[first]!.id, choiceIds: [course.assessment.questions[first]!.choices[0]!.id, course.assessment.questions[first]!.choices[0]!.id] }], 'answers[0].choiceIds'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_name, answers, field) => {
    const refused = await owner.gql(LEARNER.submit, { id: attemptId, answers: answers() });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(ok(await owner.gql<{ attempt: { status: string } }>('query ($id: ID!) { attempt(id: $id) { status } }', { id: attemptId })).attempt.status).toBe('IN_PROGRESS');
  });

  it('refuses values of the wrong type and negative positions', async () => {
    const wrongType = await owner.gql(LEARNER.submit, { id: attemptId, answers: [{ questionId: course.assessment.questions[0]!.id, choiceIds: 'all of them' }] });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await owner.gql(LEARNER.progress, { lesson: course.lessonIds[0], pos: -5, done: true });
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.positionSeconds' });
    const { enrollment } = ok(await owner.gql<{ enrollment: { progress: { completedLessons: number; lastLesson: unknown } } }>('query ($id: ID!) { enrollment(id: $id) { progress { completedLessons lastLesson { id } } } }', { id: enrollmentId }));
    expect(enrollment.progress).toEqual({ completedLessons: 0, lastLesson: null });
  });

  it.each([
    ['enroll', LEARNER.enroll, { id: UNKNOWN }, 'courseId'],
    ['unenroll', LEARNER.unenroll, { id: UNKNOWN }, 'courseId'],
    ['recordLessonProgress', LEARNER.progress, { lesson: UNKNOWN, pos: 1, done: true }, 'lessonId'],
    ['startAttempt', LEARNER.start, { id: UNKNOWN }, 'assessmentId'],
    ['submitAttempt', LEARNER.submit, { id: UNKNOWN, answers: [] }, 'attemptId'],
    ['revokeCertificate', 'mutation ($id: String!) { revokeCertificate(certificateId: $id) { id } }', { id: 'CERT-2026-999999' }, 'certificateId'],
  ])('refuses an unknown id in %s with BAD_USER_INPUT naming the argument', async (_name, mutation, variables, field) => {
    const client = field === 'certificateId' ? admin : owner;
    expect((await client.gql(mutation, variables)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses enrolling in a draft course as if it did not exist, and progress without enrollment', async () => {
    const { createCourse } = ok(await grace.gql<{ createCourse: { id: string } }>('mutation { createCourse(input: { title: "Draft only" }) { id } }'));
    expect((await owner.gql(LEARNER.enroll, { id: createCourse.id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'courseId' });
    const progress = await intruder.gql(LEARNER.progress, { lesson: course.lessonIds[0], pos: 10, done: false });
    expect(progress.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lessonId' });
  });
});

describe('attempt limits', () => {
  it('grades attempts up to maxAttempts and then refuses with QUOTA_EXCEEDED', async () => {
    ok(await owner.gql(LEARNER.submit, { id: attemptId, answers: answersFor(course.assessment, 'wrong') }));
    const { startAttempt } = ok(await owner.gql<{ startAttempt: { id: string; number: number } }>(LEARNER.start, { id: course.assessment.id }));
    expect(startAttempt.number).toBe(2);
    ok(await owner.gql(LEARNER.submit, { id: startAttempt.id, answers: answersFor(course.assessment, 'wrong') }));
    const third = await owner.gql(LEARNER.start, { id: course.assessment.id });
    expect(third.errors?.[0]?.extensions?.code).toBe('QUOTA_EXCEEDED');
    const mine = await eventually('both attempts listed', async () => {
      const { assessment } = ok(await owner.gql<{ assessment: { viewerAttempts: { number: number; passed: boolean }[] } }>('query ($id: ID!) { assessment(id: $id) { viewerAttempts { number passed } } }', { id: course.assessment.id }));
      return assessment.viewerAttempts.length === 2 ? assessment.viewerAttempts : undefined;
    });
    expect(mine).toEqual([{ number: 1, passed: false }, { number: 2, passed: false }]);
  });
});
