import { createEvent, newId, openNedbStore, createLogger, type Viewer } from '@skillgraph/platform';
import { openTestBus, startSubgraphWithEvents } from '@skillgraph/platform/test/support/subgraph-harness';
import { buildAssessmentsSubgraph } from '../src/server';
import { createAttemptService } from '../src/services/attempt-service';
import { enrollmentViewId } from '../src/data/enrollment-directory';
import { idOf, onlyError, person, waitFor } from './harness';

/**
 * Attempts, grading settings, versions and certificates at the subgraph: entity references obey
 * the same rules as root fields, time limits follow the late policy, edits make versions, and two
 * replicas on one store never hand out the same certificate id.
 */

let clock = new Date('2026-03-01T10:00:00Z');
const barrier = () => createEvent('ASSESSMENT_CREATED', { assessment_id: newId(), course_id: newId(), title: 'barrier', max_score: 0, passing_percentage: 0 });
let h: Awaited<ReturnType<typeof start>>;
const start = () => startSubgraphWithEvents((runtime) => buildAssessmentsSubgraph(runtime, { now: () => clock }), 'assessment.events', barrier);

beforeAll(async () => {
  h = await start();
});
afterAll(async () => h.stop());

const instructor = person('INSTRUCTOR');
const learner = person('STUDENT');
const other = person('STUDENT');
const admin = person('ADMIN');

const QUESTIONS = [
  { prompt: 'Two plus two?', points: 1, choices: [{ text: 'four', correct: true }, { text: 'five', correct: false }] },
  { prompt: 'Pick both primes', points: 1, choices: [{ text: 'two', correct: true }, { text: 'three', correct: true }, { text: 'four', correct: false }] },
];
const CREATE = 'mutation ($input: CreateAssessmentInput!) { createAssessment(input: $input) { id version questions { id choices { id text } } } }';
const START = 'mutation ($id: ID!) { startAttempt(assessmentId: $id) { id number status deadline assessmentVersion questions { id prompt choices { id text } } } }';
const SUBMIT = 'mutation ($id: ID!, $answers: [AnswerInput!]!) { submitAttempt(attemptId: $id, answers: $answers) { status late score percentage passed results { correct correctChoiceIds } } }';

interface Authored {
  id: string;
  version: number;
  questions: { id: string; choices: { id: string; text: string }[] }[];
}

/** A published course the learner (and `other`) are enrolled in, with an assessment. */
async function enrolledAssessment(settings: Record<string, unknown> = {}): Promise<Authored> {
  const course = { _id: newId(), instructorId: idOf(instructor), title: 'Some Course', published: true };
  await h.subgraph.courseDirectory.upsert(course);
  for (const viewer of [learner, other]) {
    await h.subgraph.enrollmentDirectory.insertIfAbsent({ _id: enrollmentViewId(idOf(viewer), course._id), userId: idOf(viewer), courseId: course._id, status: 'ACTIVE' });
  }
  const created = await h.gql<{ createAssessment: Authored }>(CREATE, { input: { courseId: course._id, title: 'Checkpoint', passingPercentage: 50, questions: QUESTIONS, ...settings } }, instructor);
  expect(created.errors).toBeUndefined();
  return created.data!.createAssessment;
}

const rightAnswers = (assessment: Authored) => [
  { questionId: assessment.questions[0]!.id, choiceIds: [assessment.questions[0]!.choices[0]!.id] },
  { questionId: assessment.questions[1]!.id, choiceIds: [assessment.questions[1]!.choices[0]!.id, assessment.questions[1]!.choices[1]!.id] },
];

async function startAttempt(assessmentId: string, viewer: Viewer = learner) {
  const response = await h.gql<{ startAttempt: { id: string; number: number; deadline: string | null; assessmentVersion: number; questions: { prompt: string }[] } }>(START, { id: assessmentId }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.startAttempt;
}

describe('entity references follow the root fields’ rules', () => {
  it('resolves an Attempt only for its learner, the course instructor and admins', async () => {
    const assessment = await enrolledAssessment();
    const attempt = await startAttempt(assessment.id);
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Attempt { id number } } }';
    const as = async (viewer: Viewer) => (await h.gql<{ _entities: unknown[] }>(query, { r: [{ __typename: 'Attempt', id: attempt.id }] }, viewer)).data!._entities[0];
    expect(await as(other)).toBeNull();
    expect(await as(person('INSTRUCTOR'))).toBeNull();
    for (const viewer of [learner, instructor, admin]) expect(await as(viewer)).toEqual({ id: attempt.id, number: 1 });
  });

  it('shows an instructor every attempt at their assessment, and nobody else', async () => {
    const assessment = await enrolledAssessment();
    await startAttempt(assessment.id);
    const query = 'query ($id: ID!) { assessment(id: $id) { attempts { number } } }';
    expect((await h.gql<{ assessment: { attempts: unknown } }>(query, { id: assessment.id }, instructor)).data!.assessment.attempts).toEqual([{ number: 1 }]);
    expect((await h.gql<{ assessment: { attempts: unknown } }>(query, { id: assessment.id }, other)).data!.assessment.attempts).toBeNull();
  });
});

describe('time limits and the late policy', () => {
  it('REFUSE: a submission after the deadline is refused and the attempt expires', async () => {
    const assessment = await enrolledAssessment({ timeLimitMinutes: 10, lateSubmissions: 'REFUSE' });
    const attempt = await startAttempt(assessment.id);
    expect(attempt.deadline).toBe(new Date(clock.getTime() + 10 * 60_000).toISOString());
    clock = new Date(clock.getTime() + 11 * 60_000);
    const late = await h.gql(SUBMIT, { id: attempt.id, answers: rightAnswers(assessment) }, learner);
    expect(onlyError(late).extensions?.code).toBe('CONFLICT');
    const read = await h.gql<{ attempt: { status: string; score: null } }>('query ($id: ID!) { attempt(id: $id) { status score } }', { id: attempt.id }, learner);
    expect(read.data!.attempt).toEqual({ status: 'EXPIRED', score: null });
  });

  it('MARK_LATE: a submission after the deadline is graded and marked late', async () => {
    const assessment = await enrolledAssessment({ timeLimitMinutes: 5, lateSubmissions: 'MARK_LATE' });
    const attempt = await startAttempt(assessment.id);
    clock = new Date(clock.getTime() + 6 * 60_000);
    const late = await h.gql<{ submitAttempt: Record<string, unknown> }>(SUBMIT, { id: attempt.id, answers: rightAnswers(assessment) }, learner);
    expect(late.data!.submitAttempt).toMatchObject({ status: 'GRADED', late: true, score: 2, percentage: 100, passed: true });
  });
});

describe('grading', () => {
  it('is all or nothing per question, and hides the key when the assessment never reveals it', async () => {
    const assessment = await enrolledAssessment({ revealAnswers: 'NEVER' });
    const attempt = await startAttempt(assessment.id);
    // Only one of the two primes: the second question scores nothing.
    const answers = [rightAnswers(assessment)[0]!, { questionId: assessment.questions[1]!.id, choiceIds: [assessment.questions[1]!.choices[0]!.id] }];
    const graded = await h.gql<{ submitAttempt: Record<string, unknown> }>(SUBMIT, { id: attempt.id, answers }, learner);
    expect(graded.data!.submitAttempt).toMatchObject({ score: 1, percentage: 50, passed: true, results: [{ correct: true, correctChoiceIds: null }, { correct: false, correctChoiceIds: null }] });
    // The instructor sees the key on the same attempt.
    const asInstructor = await h.gql<{ attempt: { results: { correctChoiceIds: string[] | null }[] } }>('query ($id: ID!) { attempt(id: $id) { results { correctChoiceIds } } }', { id: attempt.id }, instructor);
    expect(asInstructor.data!.attempt.results.every((result) => Array.isArray(result.correctChoiceIds))).toBe(true);
  });
});

describe('a double submission', () => {
  it('is graded once even when both requests read the attempt before either writes', async () => {
    const assessment = await enrolledAssessment();
    const attempt = await startAttempt(assessment.id);
    // Both submissions are held after reading the attempt until both have read it: the
    // IN_PROGRESS check before grading passes for both, and only the conditional write decides.
    let readers = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const { attempts } = h.subgraph;
    const racingAttempts = {
      ...attempts,
      findById: async (id: string) => {
        const found = await attempts.findById(id);
        readers += 1;
        if (readers === 2) release();
        await bothRead;
        return found;
      },
    };
    const service = createAttemptService(h.subgraph.assessments, racingAttempts, h.subgraph.courseDirectory, h.subgraph.enrollmentDirectory, { outbox: h.subgraph.relay });
    const outcomes = await Promise.allSettled([1, 2].map(() => service.submitAttempt(learner, attempt.id, rightAnswers(assessment))));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { extensions?: { code?: string } }).extensions?.code).toBe('CONFLICT');
    await h.settle();
    const graded = h.events.forKey(assessment.id).filter((message) => (message.value as { event_type: string }).event_type === 'ASSESSMENT_COMPLETED');
    expect(graded).toHaveLength(1);
  });
});

describe('versions, archive and delete', () => {
  const UPDATE = 'mutation ($id: ID!, $input: UpdateAssessmentInput!) { updateAssessment(id: $id, input: $input) { version title } }';

  it('an edit of the questions makes a new version; an attempt started before is graded against its own', async () => {
    const assessment = await enrolledAssessment();
    const attempt = await startAttempt(assessment.id);
    const edited = await h.gql<{ updateAssessment: { version: number } }>(
      UPDATE,
      { id: assessment.id, input: { questions: [{ prompt: 'A brand new question', choices: [{ text: 'yes', correct: true }, { text: 'no', correct: false }] }] } },
      instructor,
    );
    expect(edited.data!.updateAssessment.version).toBe(2);
    const read = await h.gql<{ attempt: { assessmentVersion: number; questions: { prompt: string }[] } }>('query ($id: ID!) { attempt(id: $id) { assessmentVersion questions { prompt } } }', { id: attempt.id }, learner);
    expect(read.data!.attempt).toEqual({ assessmentVersion: 1, questions: [{ prompt: 'Two plus two?' }, { prompt: 'Pick both primes' }] });
    const graded = await h.gql<{ submitAttempt: { score: number } }>(SUBMIT, { id: attempt.id, answers: rightAnswers(assessment) }, learner);
    expect(graded.data!.submitAttempt.score).toBe(2);
    // A title change alone is no new version.
    const renamed = await h.gql<{ updateAssessment: { version: number; title: string } }>(UPDATE, { id: assessment.id, input: { title: 'Renamed' } }, instructor);
    expect(renamed.data!.updateAssessment).toEqual({ version: 2, title: 'Renamed' });
    await h.settle();
    expect(h.events.forKey(assessment.id).map((message) => (message.value as { event_type: string }).event_type)).toEqual([
      'ASSESSMENT_CREATED',
      'ASSESSMENT_UPDATED',
      'ASSESSMENT_SUBMITTED',
      'ASSESSMENT_COMPLETED',
      'ASSESSMENT_UPDATED',
    ]);
  });

  it('refuses to delete an assessment with attempts; archiving stops new attempts', async () => {
    const assessment = await enrolledAssessment();
    await startAttempt(assessment.id);
    const refused = await h.gql('mutation ($id: ID!) { deleteAssessment(id: $id) { id } }', { id: assessment.id }, instructor);
    expect(onlyError(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const archived = await h.gql<{ archiveAssessment: { status: string } }>('mutation ($id: ID!) { archiveAssessment(id: $id) { status } }', { id: assessment.id }, instructor);
    expect(archived.data!.archiveAssessment.status).toBe('ARCHIVED');
    expect(onlyError(await h.gql(START, { id: assessment.id }, other)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assessmentId' });
  });

  it('deletes an assessment nobody attempted: gone from reads, ASSESSMENT_DELETED published', async () => {
    const assessment = await enrolledAssessment();
    const deleted = await h.gql('mutation ($id: ID!) { deleteAssessment(id: $id) { id } }', { id: assessment.id }, instructor);
    expect(deleted.errors).toBeUndefined();
    expect((await h.gql<{ assessment: unknown }>('query ($id: ID!) { assessment(id: $id) { id } }', { id: assessment.id }, instructor)).data!.assessment).toBeNull();
    await h.settle();
    expect(h.events.forKey(assessment.id).map((message) => (message.value as { event_type: string }).event_type)).toEqual(['ASSESSMENT_CREATED', 'ASSESSMENT_DELETED']);
  });
});

describe('certificate policy', () => {
  const certificatesOf = async (viewer: Viewer) =>
    (await h.gql<{ me: never; _entities: { certificates: { certificateId: string; assessment: { id: string } }[] | null }[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { certificates { certificateId assessment { id } } } } }',
      { r: [{ __typename: 'User', id: idOf(viewer) }] },
      viewer,
    )).data!._entities[0]!.certificates!;

  it('COURSE_COMPLETION: a passed final earns the certificate only once the course is completed', async () => {
    const onCompletion = await enrolledAssessment({ final: true });
    const courseId = (await h.subgraph.assessments.findById(onCompletion.id))!.courseId;
    const set = await h.gql<{ setCertificatePolicy: { certificatePolicy: string } }>(
      'mutation ($id: ID!) { setCertificatePolicy(courseId: $id, policy: COURSE_COMPLETION) { certificatePolicy } }',
      { id: courseId },
      instructor,
    );
    expect(set.data!.setCertificatePolicy.certificatePolicy).toBe('COURSE_COMPLETION');
    expect(onlyError(await h.gql('mutation ($id: ID!) { setCertificatePolicy(courseId: $id, policy: FINAL_ASSESSMENT) { id } }', { id: courseId }, learner)).extensions?.code).toBe('FORBIDDEN');
    // The change went out through the outbox, on certification.events, keyed by the course.
    const seen: Record<string, unknown>[] = [];
    const subscription = await h.bus.subscribe({ groupId: `policy-${newId()}`, topics: ['certification.events'], fromBeginning: true, handler: async (message) => void seen.push(message.value as Record<string, unknown>) });
    await waitFor('CERTIFICATE_POLICY_CHANGED', () => seen.some((event) => event.event_type === 'CERTIFICATE_POLICY_CHANGED' && event.course_id === courseId));
    await subscription.stop();
    expect(seen.filter((event) => event.course_id === courseId)).toEqual([expect.objectContaining({ policy: 'COURSE_COMPLETION', changed_by: idOf(instructor) })]);

    const completer = person('STUDENT');
    await h.subgraph.enrollmentDirectory.insertIfAbsent({ _id: enrollmentViewId(idOf(completer), courseId), userId: idOf(completer), courseId, status: 'ACTIVE' });
    const attempt = await startAttempt(onCompletion.id, completer);
    expect((await h.gql(SUBMIT, { id: attempt.id, answers: rightAnswers(onCompletion) }, completer)).errors).toBeUndefined();

    // A final on the default policy, passed afterwards: once its certificate exists, the issuer
    // has handled every earlier assessment event (one topic is delivered in order).
    const onPass = await enrolledAssessment({ final: true });
    const marker = await startAttempt(onPass.id, other);
    expect((await h.gql(SUBMIT, { id: marker.id, answers: rightAnswers(onPass) }, other)).errors).toBeUndefined();
    await waitFor('the default-policy certificate', async () => (await certificatesOf(other)).some((certificate) => certificate.assessment.id === onPass.id));
    expect(await certificatesOf(completer)).toEqual([]);

    const completed = createEvent('COURSE_COMPLETED', { user_id: idOf(completer), course_id: courseId, course_title: 'Some Course', completed_at: new Date().toISOString() });
    await h.bus.publish('course.events', [{ key: courseId, event: completed, headers: {} }]);
    await waitFor('the completion certificate', async () => (await certificatesOf(completer)).length === 1);
    expect((await certificatesOf(completer))[0]!.assessment.id).toBe(onCompletion.id);
  });
});

describe('certificates from two replicas on one store', () => {
  it('never share a certificate id', async () => {
    const store = await openNedbStore();
    const bus = await openTestBus();
    const runtime = {
      store,
      logger: createLogger({ service: 'test', level: 'silent' }),
      guards: [],
      viewerFrom: async () => ({ kind: 'anonymous' as const }),
      events: { bus: bus.bus, relay: { pollIntervalMs: 50, batchSize: 500, backoffMs: 50, maxBackoffMs: 1_000 }, consumerMaxAttempts: 3 },
    };
    try {
      // Built one after the other: both then hold the very same collections of the one store.
      const one = await buildAssessmentsSubgraph(runtime);
      const two = await buildAssessmentsSubgraph(runtime);
      const courseId = newId();
      const now = new Date();
      const [assessment] = await one.assessments.insertMany([{ _id: newId(), courseId, title: 'Final', passingPercentage: 50, questions: [], final: true, createdBy: newId(), createdAt: now }]);
      // 30 learners pass at once; each replica issues half of the certificates, interleaved.
      const learners = Array.from({ length: 30 }, () => newId());
      const issued = await Promise.all(
        learners.map((userId, index) => (index % 2 === 0 ? one : two).certificateService.issueFor({ userId, courseId, assessmentId: assessment!._id, score: 1, percentage: 100, passed: true })),
      );
      const ids = issued.map((certificate) => certificate!.certificateId);
      expect(new Set(ids).size).toBe(30);
      ids.forEach((id) => expect(id).toMatch(/^CERT-\d{4}-\d{6}$/));
      // The same pass again, on either replica, issues nothing new.
      const again = await Promise.all([one, two].map((replica) => replica.certificateService.issueFor({ userId: learners[0]!, courseId, assessmentId: assessment!._id, score: 1, percentage: 100, passed: true })));
      expect(again.map((certificate) => certificate!.certificateId)).toEqual([ids[0], ids[0]]);
    } finally {
      await bus.close();
      await store.close();
    }
  });
});
