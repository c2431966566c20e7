import { createEvent, newId, type DeliveredMessage } from '@skillgraph/platform';
import {
  LEARNER,
  answersFor,
  login,
  ok,
  onceProjected,
  publishedCourseWithFinal,
  register as registerLearner,
} from '../../../packages/stack/test/support/learning-loop';
import { register, startMailStack, waitFor, type MailStack } from './support/harness';

// Transient refusals are retried with backoff; permanent ones fail once, dead-lettered, no storm;
// admins list failures; preferences; the certificate email.

let mail: MailStack;
const deadLetters: DeliveredMessage[] = [];

beforeAll(async () => {
  mail = await startMailStack({ seed: true });
  await mail.stack.bus.subscribe({
    groupId: 'test.dlq-reader',
    topics: ['user.events.dlq'],
    fromBeginning: true,
    handler: async (message) => void deadLetters.push(message),
  });
});
afterAll(async () => {
  await mail?.stop();
});

const ME_NOTIFICATIONS = `{ me { notifications { edges { node { id kind status attempts lastError } } } } }`;
type Node = { id: string; kind: string; status: string; attempts: number; lastError: string | null };

async function myNotifications(token: string): Promise<Node[]> {
  const response = await mail.gql<{ me: { notifications: { edges: { node: Node }[] } } }>(ME_NOTIFICATIONS, {}, token);
  return response.data?.me.notifications.edges.map((edge) => edge.node) ?? [];
}

async function adminToken(): Promise<string> {
  const response = await mail.gql<{ login: { accessToken: string } }>(
    `mutation { login(email: "admin@skillgraph.dev", password: "learn-graphs-2026") { accessToken } }`,
  );
  return response.data!.login.accessToken;
}

test('refused with 4xx three times, then accepted: one email delivered, four attempts recorded', async () => {
  mail.smtp.setPolicy((address, attempt) => (address === 'flaky@example.org' && attempt <= 3 ? { code: 451, message: '4.3.0 Try again later' } : null));
  const user = await register(mail, 'flaky@example.org');
  await waitFor('the welcome email to be SENT', async () => (await myNotifications(user.accessToken))[0]?.status === 'SENT');
  expect(mail.smtp.attempts('flaky@example.org')).toBe(4);
  expect(mail.smtp.mailTo('flaky@example.org')).toHaveLength(1);
  expect((await myNotifications(user.accessToken))[0]).toMatchObject({ kind: 'WELCOME_STUDENT', status: 'SENT', attempts: 4, lastError: null });
});

test('refused with 5xx: FAILED after one attempt, dead-lettered with the reason, listed for admins, never retried', async () => {
  mail.smtp.setPolicy((address) => (address === 'bounce@example.org' ? { code: 550, message: '5.1.1 No such mailbox' } : null));
  const user = await register(mail, 'bounce@example.org');
  await waitFor('the welcome email to be FAILED', async () => (await myNotifications(user.accessToken))[0]?.status === 'FAILED');
  const [failed] = await myNotifications(user.accessToken);
  expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
  expect(failed!.lastError).toContain('550');

  await waitFor('the dead letter', () => deadLetters.some((message) => message.headers['x-notification-id'] === failed!.id));
  const letter = deadLetters.find((message) => message.headers['x-notification-id'] === failed!.id)!;
  expect(letter.headers['x-dlq-reason']).toContain('550');
  expect(letter.headers['x-dlq-source-topic']).toBe('user.events');
  expect(letter.value).toMatchObject({ event_type: 'USER_REGISTERED', user_id: user.id });

  const FAILURES = `{ notificationFailures { edges { node { id status recipient { id } } } } }`;
  const admin = await mail.gql<{ notificationFailures: { edges: { node: { id: string; recipient: { id: string } } }[] } }>(FAILURES, {}, await adminToken());
  expect(admin.data?.notificationFailures.edges.map((edge) => edge.node)).toContainEqual({ id: failed!.id, status: 'FAILED', recipient: { id: user.id } });
  const student = await mail.gql(FAILURES, {}, user.accessToken);
  expect(student.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // No storm: later mail flows, the refused address is not tried again.
  await register(mail, 'after.bounce@example.org');
  await waitFor('a later email', () => mail.smtp.mailTo('after.bounce@example.org').length === 1);
  expect(mail.smtp.attempts('bounce@example.org')).toBe(1);
  expect((await myNotifications(user.accessToken))[0]?.attempts).toBe(1);
});

test('turned-off categories are not sent; security mail cannot be turned off', async () => {
  const quiet = await register(mail, 'quiet@example.org');
  const loud = await register(mail, 'loud@example.org');
  const UPDATE = `mutation ($disabled: [NotificationCategory!]!) { updateNotificationPreferences(input: { disabled: $disabled }) { enabled disabled } }`;
  const refused = await mail.gql(UPDATE, { disabled: ['SECURITY'] }, quiet.accessToken);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.disabled' });
  const saved = await mail.gql<{ updateNotificationPreferences: unknown }>(UPDATE, { disabled: ['LEARNING'] }, quiet.accessToken);
  expect(saved.data?.updateNotificationPreferences).toEqual({ enabled: ['SECURITY', 'ACCOUNT', 'MEDIA'], disabled: ['LEARNING'] });

  const courseId = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  const enrolled = (userId: string) => createEvent('COURSE_ENROLLED', { user_id: userId, course_id: courseId, course_title: 'Graphs & <Friends>' });
  await mail.stack.bus.publish('course.events', [
    { key: courseId, event: enrolled(quiet.id) },
    { key: courseId, event: enrolled(loud.id) },
  ]);
  // Same topic, log order: once loud's email is out, quiet's event was handled too.
  await waitFor('the enrollment email', () => mail.smtp.mailTo('loud@example.org').some((message) => message.subject.startsWith('You are enrolled')));
  const confirmation = mail.smtp.mailTo('loud@example.org').find((message) => message.subject.startsWith('You are enrolled'))!;
  expect(confirmation.subject).toBe('You are enrolled in Graphs & <Friends>');
  expect(confirmation.html).toContain('Graphs &amp; &lt;Friends&gt;');
  expect(mail.smtp.mailTo('quiet@example.org').some((message) => message.subject.startsWith('You are enrolled'))).toBe(false);
});

test('a certificate email carries the certificate id and a link to the learner’s certificates page (never a verification code)', async () => {
  // Published here directly: the event shape is the catalogue's CERTIFICATION_ISSUED.
  const learner = await register(mail, 'certified@example.org', 'Katherine Johnson');
  const certificateId = 'CERT-2026-000042';
  const event = createEvent('CERTIFICATION_ISSUED', {
    user_id: learner.id,
    course_id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
    assessment_id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d',
    certificate_id: certificateId,
    score: 9,
    percentage: 90,
  });
  await mail.stack.bus.publish('certification.events', [{ key: certificateId, event }]);
  await waitFor('the certificate email', () => mail.smtp.mailTo('certified@example.org').some((message) => message.subject.includes(certificateId)));
  const message = mail.smtp.mailTo('certified@example.org').find((candidate) => candidate.subject.includes(certificateId))!;
  expect(message.text).toContain('https://app.skillgraph.test/certificates\n');
  expect(message.html).toContain('href="https://app.skillgraph.test/certificates"');
  expect(message.text).not.toContain(`/certificates/${certificateId}`);
  expect(message.text).toContain(certificateId);
  expect(message.text).toContain('90%');
});

test('the learning loop mails the enrolment, the result, the completion and the certificate, whose id verifyCertificate accepts', async () => {
  const grace = await login(mail.stack, 'grace@skillgraph.dev');
  const student = await registerLearner(mail.stack, 'Mailed Learner');
  const course = await publishedCourseWithFinal(grace, 'Graphs by mail', 1);
  ok(await student.gql(LEARNER.enroll, { id: course.courseId }));
  ok(await student.gql(LEARNER.progress, { lesson: course.lessonIds[0], pos: 600, done: true }));
  const { startAttempt } = await onceProjected('the enrollment to reach the assessments subgraph', () =>
    student.gql<{ startAttempt: { id: string } }>(LEARNER.start, { id: course.assessment.id }),
  );
  ok(await student.gql(LEARNER.submit, { id: startAttempt.id, answers: answersFor(course.assessment, 'right') }));

  const inbox = () => mail.smtp.mailTo(student.email);
  await waitFor('the certificate email', () => inbox().some((message) => message.subject.startsWith('Your certificate CERT-')), 60_000);
  const certificateMail = inbox().find((message) => message.subject.startsWith('Your certificate CERT-'))!;
  const certificateId = /Its id is (CERT-\d{4}-\d+)/.exec(certificateMail.text)?.[1];
  expect(certificateId).toBeDefined();
  expect(certificateMail.subject).toBe(`Your certificate ${certificateId}`);

  const verification = ok(
    await mail.gql<{ verifyCertificate: { certificateId: string; valid: boolean; holder: unknown } }>(
      'query ($id: String!) { verifyCertificate(certificateId: $id) { certificateId valid holder { id } } }',
      { id: certificateId },
    ),
  );
  expect(verification.verifyCertificate).toEqual({ certificateId, valid: true, holder: null });

  await waitFor('the enrolment and completion emails', () =>
    ['You are enrolled in Graphs by mail', 'Your assessment result: 100%', 'You completed Graphs by mail'].every((subject) =>
      inbox().some((message) => message.subject === subject),
    ),
  );
});

test('events naming only a user id reach the address and current name kept from user.events', async () => {
  const person = await register(mail, 'projection@example.org', 'Old Name');
  ok(await mail.gql(`mutation { updateProfile(input: { name: "Mary Somerville" }) { name } }`, {}, person.accessToken));
  ok(await mail.gql(`mutation ($id: ID!) { changeUserRole(userId: $id, role: INSTRUCTOR) { role } }`, { id: person.id }, await adminToken()));
  await waitFor('the instructor welcome', () =>
    mail.smtp.mailTo('projection@example.org').some((message) => message.subject === 'You can now teach on SkillGraph'),
  );
  const welcome = mail.smtp.mailTo('projection@example.org').find((message) => message.subject === 'You can now teach on SkillGraph')!;
  expect(welcome.text).toContain('Hello Mary Somerville,');

  const assetId = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60';
  const infected = createEvent('MEDIA_INFECTED', {
    asset_id: assetId,
    owner_id: person.id,
    status: 'INFECTED',
    reason: 'Eicar-Test-Signature FOUND',
    mime_type: 'application/pdf',
  });
  await mail.stack.bus.publish('media.events', [{ key: assetId, event: infected }]);
  await waitFor('the rejection email', () => mail.smtp.mailTo('projection@example.org').some((message) => message.subject === 'Your upload was rejected'));
  const rejected = mail.smtp.mailTo('projection@example.org').find((message) => message.subject === 'Your upload was rejected')!;
  expect(rejected.text).toContain('a virus scan found malware in it.');
  expect(rejected.text).not.toContain('Eicar');
});

test('an email for a person the recipients view does not know yet waits for them instead of failing', async () => {
  // Course events may overtake user events (different topics): the enrolment comes first here.
  const userId = newId();
  const courseId = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61';
  await mail.stack.bus.publish('course.events', [
    { key: courseId, event: createEvent('COURSE_ENROLLED', { user_id: userId, course_id: courseId, course_title: 'Early bird' }) },
  ]);
  await waitFor('the enrolment to be queued and tried', async () => {
    const queued = await mail.stack.stores.notifications.collection<{ _id: string; userId: string; attempts: number }>({ name: 'notifications' });
    return ((await queued.findOne({ userId }))?.attempts ?? 0) >= 1;
  });
  await mail.stack.bus.publish('user.events', [
    { key: userId, event: createEvent('USER_REGISTERED', { user_id: userId, email: 'late.user@example.org', name: 'Late User', provider: 'password' }) },
  ]);
  await waitFor('the enrolment email', () => mail.smtp.mailTo('late.user@example.org').some((message) => message.subject === 'You are enrolled in Early bird'));
});

test('demo accounts, loaded without events, are known to the mailer', async () => {
  const marie = await login(mail.stack, 'marie@skillgraph.dev');
  const courseId = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a62';
  await mail.stack.bus.publish('course.events', [
    { key: courseId, event: createEvent('COURSE_ENROLLED', { user_id: marie.id, course_id: courseId, course_title: 'Demo welcome' }) },
  ]);
  await waitFor('the enrolment email to the demo student', () =>
    mail.smtp.mailTo('marie@skillgraph.dev').some((message) => message.subject === 'You are enrolled in Demo welcome'),
  );
});
