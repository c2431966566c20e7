import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openNedbStore, startEventConsumer, stripEventFields } from '@skillgraph/platform';
import { openEnrollmentDirectory } from '@skillgraph/assessments/src/data/enrollment-directory';
import { enrollmentViewHandlers } from '@skillgraph/assessments/src/events/enrollment-view';
import type { Stack } from '../src';
import {
  LEARNER,
  anonymous,
  answersFor,
  committedSchemaValidator,
  eventually,
  login,
  ok,
  onceProjected,
  publishedCourseWithFinal,
  recordTopics,
  register,
  type Client,
  type Received,
} from './support/learning-loop';
import { startTestStack } from './support/stack';

/**
 * The whole learning loop through the gateway, as a client runs it: an instructor builds and
 * publishes a course with three lessons and a final assessment; a new student enrolls, works
 * through every lesson, fails once, passes, and receives a certificate; anyone verifies it.
 * Every step's event is checked on its topic, in order, against the committed JSON Schemas.
 */

let stack: Stack;
let events: Awaited<ReturnType<typeof recordTopics>>;
let grace: Client;
let admin: Client;
let student: Client & { email: string };
let course: Awaited<ReturnType<typeof publishedCourseWithFinal>>;
const attemptIds: string[] = [];
let certificateId = '';

beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  events = await recordTopics(stack.bus, ['user.events', 'course.events', 'assessment.events', 'certification.events']);
  [grace, admin] = await Promise.all([login(stack, 'grace@skillgraph.dev'), login(stack, 'admin@skillgraph.dev')]);
  student = await register(stack, 'Loop Student');
});
// Teardown drains six servers one after another, each allowed its grace period for requests in
// flight; on a loaded machine that can pass jest's 30 s default once in a while.
afterAll(async () => {
  await events?.stop();
  await stack?.stop();
}, 180_000);

const repoTemp = (name: string): string => path.join(os.tmpdir(), `learning-loop-${process.pid}-${name}`);
const ofTopic = (topic: string, key: string): Received[] => events.received.filter((message) => message.topic === topic && message.key === key);
const types = (messages: Received[]): string[] => messages.map((message) => String(message.value.event_type));
const payloadKeys = (event: Record<string, unknown>): string[] =>
  Object.keys(event)
    .filter((key) => !['event_id', 'event_type', 'timestamp', 'version', 'producer'].includes(key))
    .sort();

describe('the learning loop, end to end', () => {
  it('an instructor publishes a course with three lessons and a final assessment', async () => {
    course = await publishedCourseWithFinal(grace, 'Graphs from scratch');
    expect(course.lessonIds).toHaveLength(3);
    const seen = ok(
      await anonymous(stack).gql<{ course: { status: string; lessons: { id: string }[]; assessments: { id: string; final: boolean; required: boolean }[] } }>(
        'query ($id: ID!) { course(id: $id) { status lessons { id } assessments { id final required } } }',
        { id: course.courseId },
      ),
    );
    expect(seen.course).toEqual({
      status: 'PUBLISHED',
      lessons: course.lessonIds.map((id) => ({ id })),
      assessments: [{ id: course.assessment.id, final: true, required: true }],
    });
  });

  it('a student enrolls (twice: the same enrollment) and sees it in me.enrollments and viewerEnrollment', async () => {
    const first = ok(await student.gql<{ enroll: { id: string; status: string } }>(LEARNER.enroll, { id: course.courseId }));
    const again = ok(await student.gql<{ enroll: { id: string; status: string } }>(LEARNER.enroll, { id: course.courseId }));
    expect(again.enroll).toEqual(first.enroll);
    expect(first.enroll.status).toBe('ACTIVE');
    const mine = ok(
      await student.gql<{
        me: { enrollments: { totalCount: number; edges: { node: { id: string; course: { title: string } } }[] } };
        course: { viewerEnrollment: { id: string } };
      }>('query ($id: ID!) { me { enrollments { totalCount edges { node { id course { title } } } } } course(id: $id) { viewerEnrollment { id } } }', {
        id: course.courseId,
      }),
    );
    expect(mine.me.enrollments.totalCount).toBe(1);
    expect(mine.me.enrollments.edges[0]!.node).toEqual({ id: first.enroll.id, course: { title: 'Graphs from scratch' } });
    expect(mine.course.viewerEnrollment).toEqual({ id: first.enroll.id });
  });

  it('records progress on every lesson: position for resume, completion never undone', async () => {
    for (const [index, lessonId] of course.lessonIds.entries()) {
      ok(await student.gql(LEARNER.progress, { lesson: lessonId, pos: 120, done: false }));
      const done = ok(
        await student.gql<{ recordLessonProgress: { progress: { completedLessons: number; lastPosition: number } } }>(LEARNER.progress, {
          lesson: lessonId,
          pos: 600,
          done: true,
        }),
      );
      expect(done.recordLessonProgress.progress).toMatchObject({ completedLessons: index + 1, lastPosition: 600 });
    }
    // A late, older report moves the resume point but not completion.
    const late = ok(
      await student.gql<{ recordLessonProgress: { status: string; progress: Record<string, unknown> } }>(LEARNER.progress, {
        lesson: course.lessonIds[0],
        pos: 30,
        done: false,
      }),
    );
    expect(late.recordLessonProgress.progress).toEqual({
      completedLessons: 3,
      totalLessons: 3,
      percent: 100,
      lastPosition: 30,
      lastLesson: { id: course.lessonIds[0] },
    });
    // Every lesson is done, but the required final assessment is not passed yet.
    expect(late.recordLessonProgress.status).toBe('ACTIVE');
  });

  it('fails the first attempt: graded on the server, the answer key shown only after submission', async () => {
    // The enrollment reaches the assessments subgraph through course.events.
    const { startAttempt } = await onceProjected('the enrollment to reach the assessments subgraph', () =>
      student.gql<{ startAttempt: { id: string; number: number; questions: { id: string }[] } }>(LEARNER.start, { id: course.assessment.id }),
    );
    expect(startAttempt.number).toBe(1);
    attemptIds.push(startAttempt.id);
    const before = ok(
      await student.gql<{ attempt: { results: unknown[]; score: number | null } }>(
        'query ($id: ID!) { attempt(id: $id) { results { correctChoiceIds } score } }',
        { id: startAttempt.id },
      ),
    );
    expect(before.attempt).toEqual({ results: [], score: null });

    const { submitAttempt } = ok(
      await student.gql<{ submitAttempt: Record<string, unknown> & { results: { correctChoiceIds: string[] }[] } }>(LEARNER.submit, {
        id: startAttempt.id,
        answers: answersFor(course.assessment, 'wrong'),
      }),
    );
    expect(submitAttempt).toMatchObject({ status: 'GRADED', score: 0, maxScore: 5, percentage: 0, passed: false });
    expect(submitAttempt.results.map((result) => result.correctChoiceIds)).toEqual(answersFor(course.assessment, 'right').map((answer) => answer.choiceIds));
  });

  it('passes the second attempt, which completes the course and issues a certificate', async () => {
    const { startAttempt } = ok(await student.gql<{ startAttempt: { id: string; number: number } }>(LEARNER.start, { id: course.assessment.id }));
    expect(startAttempt.number).toBe(2);
    attemptIds.push(startAttempt.id);
    const { submitAttempt } = ok(
      await student.gql<{ submitAttempt: Record<string, unknown> }>(LEARNER.submit, { id: startAttempt.id, answers: answersFor(course.assessment, 'right') }),
    );
    expect(submitAttempt).toMatchObject({ status: 'GRADED', score: 5, maxScore: 5, percentage: 100, passed: true });

    const certificate = await eventually('the certificate', async () => {
      const { me } = ok(
        await student.gql<{
          me: { certificates: { certificateId: string; score: number; percentage: number; revokedAt: string | null; course: { title: string } }[] };
        }>('{ me { certificates { certificateId score percentage revokedAt course { title } } } }'),
      );
      return me.certificates[0];
    });
    expect(certificate).toMatchObject({ score: 5, percentage: 100, revokedAt: null, course: { title: 'Graphs from scratch' } });
    expect(certificate.certificateId).toMatch(new RegExp(`^CERT-${new Date().getUTCFullYear()}-\\d{6}$`));
    certificateId = certificate.certificateId;

    const completed = await eventually('the enrollment to complete', async () => {
      const { me } = ok(
        await student.gql<{ me: { enrollments: { edges: { node: { status: string; completedAt: string | null } }[] } } }>(
          '{ me { enrollments(status: COMPLETED) { edges { node { status completedAt } } } } }',
        ),
      );
      return me.enrollments.edges[0]?.node;
    });
    expect(completed.completedAt).toEqual(expect.any(String));
  });

  it('anyone verifies the certificate: the id says valid, the holder’s code adds their name, nothing private', async () => {
    const { me } = ok(await student.gql<{ me: { certificates: { verificationCode: string }[] } }>('{ me { certificates { verificationCode } } }'));
    const code = me.certificates[0]!.verificationCode;
    const query =
      'query ($id: String!, $code: String) { verifyCertificate(certificateId: $id, code: $code) { certificateId valid revoked codeCheck courseTitle issuedAt revokedAt holder { name } } }';
    const byId = ok(await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> }>(query, { id: certificateId }));
    expect(byId.verifyCertificate).toEqual({
      certificateId,
      valid: true,
      revoked: false,
      codeCheck: 'NOT_GIVEN',
      courseTitle: null,
      issuedAt: null,
      revokedAt: null,
      holder: null,
    });
    const withCode = ok(await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> }>(query, { id: certificateId, code }));
    expect(withCode.verifyCertificate).toEqual({
      certificateId,
      valid: true,
      revoked: false,
      codeCheck: 'MATCHES',
      courseTitle: 'Graphs from scratch',
      issuedAt: expect.any(String),
      revokedAt: null,
      holder: { name: 'Loop Student' },
    });
    const email = await anonymous(stack).gql(
      'query ($id: String!, $code: String) { verifyCertificate(certificateId: $id, code: $code) { holder { email } } }',
      { id: certificateId, code },
    );
    expect(JSON.stringify(email.data ?? null)).not.toContain(student.email);
  });

  it('every step published its event on its topic, in order, valid against the committed schemas', async () => {
    const certificationKey = certificateId;
    await eventually(
      'every event of the loop',
      async () =>
        ofTopic('course.events', course.courseId).some((m) => m.value.event_type === 'COURSE_COMPLETED') &&
        ofTopic('certification.events', certificationKey).length === 1,
    );

    expect(types(ofTopic('user.events', student.id))).toEqual(['USER_REGISTERED']);
    expect(types(ofTopic('course.events', course.courseId))).toEqual([
      'COURSE_CREATED',
      'LESSON_ADDED',
      'LESSON_ADDED',
      'LESSON_ADDED',
      'COURSE_PUBLISHED',
      'COURSE_ENROLLED',
      'LESSON_COMPLETED',
      'LESSON_COMPLETED',
      'LESSON_COMPLETED',
      'COURSE_COMPLETED',
    ]);
    expect(types(ofTopic('assessment.events', course.assessment.id))).toEqual([
      'ASSESSMENT_CREATED',
      'ASSESSMENT_SUBMITTED',
      'ASSESSMENT_COMPLETED',
      'ASSESSMENT_SUBMITTED',
      'ASSESSMENT_COMPLETED',
    ]);
    expect(types(ofTopic('certification.events', certificationKey))).toEqual(['CERTIFICATION_ISSUED']);

    const loop = [
      ...ofTopic('user.events', student.id),
      ...ofTopic('course.events', course.courseId),
      ...ofTopic('assessment.events', course.assessment.id),
      ...ofTopic('certification.events', certificationKey),
    ];
    const validate = committedSchemaValidator();
    for (const message of loop)
      expect({ type: message.value.event_type, problems: validate(message.value) }).toEqual({ type: message.value.event_type, problems: [] });

    // Reference doc 000's four events carry exactly its payload fields.
    const one = (topic: string, key: string, type: string) =>
      ofTopic(topic, key)
        .filter((m) => m.value.event_type === type)
        .map((m) => m.value);
    const [registered] = one('user.events', student.id, 'USER_REGISTERED');
    expect(payloadKeys(registered!)).toEqual(['email', 'name', 'provider', 'user_id']);
    const [enrolled] = one('course.events', course.courseId, 'COURSE_ENROLLED');
    expect(enrolled).toMatchObject({ user_id: student.id, course_id: course.courseId, course_title: 'Graphs from scratch' });
    expect(payloadKeys(enrolled!)).toEqual(['course_id', 'course_title', 'user_id']);
    const completions = one('assessment.events', course.assessment.id, 'ASSESSMENT_COMPLETED');
    expect(completions.map((event) => [event.score, event.percentage, event.passed])).toEqual([
      [0, 0, false],
      [5, 100, true],
    ]);
    for (const event of completions) expect(payloadKeys(event)).toEqual(['assessment_id', 'course_id', 'passed', 'percentage', 'score', 'user_id']);
    const [issued] = one('certification.events', certificationKey, 'CERTIFICATION_ISSUED');
    expect(issued).toEqual(
      expect.objectContaining({
        user_id: student.id,
        course_id: course.courseId,
        assessment_id: course.assessment.id,
        certificate_id: certificateId,
        score: 5,
        percentage: 100,
      }),
    );
    expect(payloadKeys(issued!)).toEqual(['assessment_id', 'certificate_id', 'course_id', 'percentage', 'score', 'user_id']);
  });

  it('the certificate downloads as a PDF carrying its verification id, through a signed link', async () => {
    const { me } = ok(await student.gql<{ me: { certificates: { pdfUrl: string }[] } }>('{ me { certificates { pdfUrl } } }'));
    const link = new URL(me.certificates[0]!.pdfUrl);
    expect(link.searchParams.get('sig')).toEqual(expect.any(String));
    const pdf = await fetch(link);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = repoTemp(`${certificateId}.pdf`);
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    try {
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain(certificateId);
      expect(text).toContain('Graphs from scratch');
    } finally {
      fs.rmSync(file, { force: true });
    }
    // Any change to the link makes it worthless.
    const tampered = new URL(link);
    tampered.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(new URL(link.pathname, link.origin))).status).toBe(403);
  });

  it('an admin revokes the certificate; verification then says so', async () => {
    const denied = await student.gql('mutation ($id: String!) { revokeCertificate(certificateId: $id) { revokedAt } }', { id: certificateId });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    ok(await admin.gql('mutation ($id: String!) { revokeCertificate(certificateId: $id, reason: "Issued in error") { revokedAt } }', { id: certificateId }));
    const { verifyCertificate } = ok(
      await anonymous(stack).gql<{ verifyCertificate: { valid: boolean; revoked: boolean } }>(
        'query ($id: String!) { verifyCertificate(certificateId: $id) { valid revoked } }',
        { id: certificateId },
      ),
    );
    expect(verifyCertificate).toEqual({ valid: false, revoked: true });
  });
});

describe('replaying course.events into a fresh enrollment projection', () => {
  it('gives the same view, and replaying again changes nothing', async () => {
    // Another learner enrolls, leaves and comes back: order matters for the final status.
    const other = await login(stack, 'ivan@skillgraph.dev');
    ok(await other.gql(LEARNER.enroll, { id: course.courseId }));
    ok(await other.gql(LEARNER.unenroll, { id: course.courseId }));
    ok(await other.gql(LEARNER.enroll, { id: course.courseId }));
    const live = await openEnrollmentDirectory(stack.stores.assessments);
    const expected = await eventually('the live view to show the returning learner', async () => {
      const views = await live.all();
      return views.some((view) => view.userId === other.id && view.status === 'ACTIVE') &&
        views.some((view) => view.userId === student.id && view.status === 'COMPLETED')
        ? views
        : undefined;
    });

    const freshStore = await openNedbStore();
    try {
      const fresh = await openEnrollmentDirectory(freshStore);
      for (const group of ['replay-1', 'replay-2']) {
        const subscription = await startEventConsumer({
          bus: stack.bus,
          groupId: `${group}-${Date.now()}`,
          fromBeginning: true,
          handlers: enrollmentViewHandlers(fresh),
        });
        try {
          await eventually(`${group} to catch up`, async () => JSON.stringify((await fresh.all()).map(stripEventFields)) === JSON.stringify(expected));
        } finally {
          await subscription.stop();
        }
      }
      expect((await fresh.all()).map(stripEventFields)).toEqual(expected);
    } finally {
      await freshStore.close();
    }
  });
});
