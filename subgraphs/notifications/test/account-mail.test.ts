import { createHash } from 'node:crypto';
import { startEventConsumer } from '@skillgraph/platform';
import { MAILER_GROUP } from '../src/events/mail-requests';
import { register, startMailStack, waitFor, type MailStack } from './support/harness';

// register → welcome; password reset end to end; verification; replaying user.events sends nothing new.

let mail: MailStack;
beforeAll(async () => {
  mail = await startMailStack();
});
afterAll(async () => {
  await mail?.stop();
});

const ME_NOTIFICATIONS = `{ me { notifications { totalCount edges { node { kind category status attempts lastError subject sentAt } } } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }`;

function linkToken(text: string, path: string): string {
  const match = new RegExp(`https://app\\.skillgraph\\.test${path.replace('?', '\\?')}([A-Za-z0-9_%-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return decodeURIComponent(match[1]!);
}

test('registering sends a welcome email with HTML and text parts, the name escaped in HTML, tracked as SENT', async () => {
  const name = 'Ada <script>alert("x")</script> Byron';
  const user = await register(mail, 'ada.welcome@example.org', name);
  await waitFor('the welcome email', () => mail.smtp.mailTo('ada.welcome@example.org').length === 1);
  const [welcome] = mail.smtp.mailTo('ada.welcome@example.org');
  expect(welcome!.subject).toBe('Welcome to SkillGraph');
  expect(welcome!.html).toContain('<!doctype html>');
  expect(welcome!.html).toContain('Ada &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Byron');
  expect(welcome!.html).not.toContain('<script>');
  expect(welcome!.text).toContain(`Hello ${name},`);
  expect(welcome!.headers.get('x-skillgraph-notification')).toBe('WELCOME_STUDENT');

  await waitFor('the record to say SENT', async () => {
    const response = await mail.gql<{ me: { notifications: { edges: { node: { status: string } }[] } } }>(ME_NOTIFICATIONS, {}, user.accessToken);
    return response.data?.me.notifications.edges[0]?.node.status === 'SENT';
  });
  const response = await mail.gql<{ me: { notifications: { totalCount: number; edges: { node: Record<string, unknown> }[] } } }>(
    ME_NOTIFICATIONS,
    {},
    user.accessToken,
  );
  expect(response.data?.me.notifications.totalCount).toBe(1);
  expect(response.data?.me.notifications.edges[0]?.node).toMatchObject({
    kind: 'WELCOME_STUDENT',
    category: 'ACCOUNT',
    status: 'SENT',
    attempts: 1,
    lastError: null,
  });
});

test('another person cannot read my notifications', async () => {
  const owner = await register(mail, 'owner.private@example.org');
  const other = await register(mail, 'other.private@example.org');
  const response = await mail.gql<{ user: { notifications: unknown } }>(
    `query ($id: ID!) { user(id: $id) { notifications { totalCount } } }`,
    { id: owner.id },
    other.accessToken,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.user.notifications).toBeNull();
});

test('password reset end to end: one email, the token works once, old sessions end, and it expires', async () => {
  const email = 'grace.reset@example.org';
  const oldPassword = 'compiler-pioneer-1952';
  const newPassword = 'nanosecond-wire-1967';
  const first = await register(mail, email, 'Grace Hopper', oldPassword);
  const second = await mail.gql<{ login: { refreshToken: string } }>(LOGIN, { email, password: oldPassword });
  const secondRefresh = second.data!.login.refreshToken;

  const asked = await mail.gql<{ requestPasswordReset: boolean }>(`mutation ($email: String!) { requestPasswordReset(email: $email) }`, {
    email: 'GRACE.reset@example.org',
  });
  expect(asked.data?.requestPasswordReset).toBe(true);
  await waitFor('the reset email', () => mail.smtp.mailTo(email).some((message) => message.subject === 'Reset your SkillGraph password'));
  const resetMail = mail.smtp.mailTo(email).find((message) => message.subject === 'Reset your SkillGraph password')!;
  const token = linkToken(resetMail.text, '/reset-password?token=');
  expect(resetMail.html).toContain('reset-password?token');

  // Stored hashed, with a 30-minute expiry; the event on the bus carries it sealed, never in clear.
  const tokens = await mail.stack.stores.users.collection<{ _id: string; expiresAt: Date; createdAt: Date; userId: string }>({ name: 'account_tokens' });
  const stored = await tokens.findOne({ _id: createHash('sha256').update(token).digest('hex') });
  expect(stored).not.toBeNull();
  expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(30 * 60_000);
  expect(await tokens.findOne({ _id: token })).toBeNull();

  // On the bus the token travels only sealed: no user.events message holds it in clear.
  const userEvents: string[] = [];
  const reader = await mail.stack.bus.subscribe({
    groupId: `test.token-reader.${Date.now()}`,
    topics: ['user.events'],
    fromBeginning: true,
    handler: async (message) => void userEvents.push(JSON.stringify(message)),
  });
  await waitFor('the reset request on the bus', () =>
    userEvents.some((text) => text.includes('PASSWORD_RESET_REQUESTED') && text.includes('grace.reset@example.org')),
  );
  await reader.stop();
  expect(userEvents.some((text) => text.includes('"sealed_token"'))).toBe(true);
  expect(userEvents.some((text) => text.includes(token) || text.includes(token.slice(4)))).toBe(false);

  const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }`;
  // A password the rules refuse does not spend the token.
  const weak = await mail.gql(RESET, { token, password: 'short' });
  expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
  const reset = await mail.gql<{ resetPassword: boolean }>(RESET, { token, password: newPassword });
  expect(reset.errors).toBeUndefined();
  expect(reset.data?.resetPassword).toBe(true);

  const REFRESH = `mutation ($token: String!) { refreshToken(token: $token) { accessToken } }`;
  for (const refresh of [first.refreshToken, secondRefresh]) {
    const refused = await mail.gql(REFRESH, { token: refresh });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  expect((await mail.gql(LOGIN, { email, password: oldPassword })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect((await mail.gql<{ login: { accessToken: string } }>(LOGIN, { email, password: newPassword })).data?.login.accessToken).toEqual(expect.any(String));

  const again = await mail.gql(RESET, { token, password: 'another-password-2000' });
  expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

  // The account is told about the change (security mail).
  await waitFor('the password-changed email', () => mail.smtp.mailTo(email).some((message) => message.subject === 'Your SkillGraph password was changed'));

  // A second link, expired: refused although never used.
  await mail.gql(`mutation ($email: String!) { requestPasswordReset(email: $email) }`, { email });
  await waitFor('a second reset email', () => mail.smtp.mailTo(email).filter((message) => message.subject === 'Reset your SkillGraph password').length === 2);
  const secondToken = linkToken(
    mail.smtp.mailTo(email).filter((message) => message.subject === 'Reset your SkillGraph password')[1]!.text,
    '/reset-password?token=',
  );
  await tokens.updateOne({ _id: createHash('sha256').update(secondToken).digest('hex') }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  const expired = await mail.gql(RESET, { token: secondToken, password: 'yet-another-password-3000' });
  expect(expired.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
});

test('a reset for an address with no account answers the same and sends nothing; requests are throttled', async () => {
  const ASK = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
  const unknown = await mail.gql<{ requestPasswordReset: boolean }>(ASK, { email: 'nobody.here@example.org' });
  expect(unknown).toEqual({ status: 200, data: { requestPasswordReset: true } });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await mail.gql(ASK, { email: 'nobody.here@example.org' }));
  // 3 per account in 15 minutes: the first call and two of these pass; past that, an address that
  // never signed in to the account gets one more per 15-minute pause, then RATE_LIMITED.
  expect(answers.slice(0, 3).every((answer) => answer.errors === undefined)).toBe(true);
  expect(answers[3]!.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  // Reset requests are handled after the answer, started in order: once a later request's mail is out, the
  // earlier ones have been handled too, so "nothing sent" is not just "nothing sent yet".
  await register(mail, 'reset.barrier@example.org', 'Barrier');
  await mail.gql(ASK, { email: 'reset.barrier@example.org' });
  await waitFor('the later reset email', () =>
    mail.smtp.mailTo('reset.barrier@example.org').some((message) => message.subject === 'Reset your SkillGraph password'),
  );
  expect(mail.smtp.attempts('nobody.here@example.org')).toBe(0);
});

test('email verification: the emailed link verifies the address once', async () => {
  const user = await register(mail, 'lin.verify@example.org', 'Lin');
  const EMAIL_VERIFIED = `{ me { emailVerified } }`;
  expect((await mail.gql<{ me: { emailVerified: boolean } }>(EMAIL_VERIFIED, {}, user.accessToken)).data?.me.emailVerified).toBe(false);
  const asked = await mail.gql<{ requestEmailVerification: boolean }>(`mutation { requestEmailVerification }`, {}, user.accessToken);
  expect(asked.data?.requestEmailVerification).toBe(true);
  await waitFor('the verification email', () => mail.smtp.mailTo('lin.verify@example.org').some((message) => message.subject === 'Confirm your email address'));
  const message = mail.smtp.mailTo('lin.verify@example.org').find((candidate) => candidate.subject === 'Confirm your email address')!;
  const token = linkToken(message.text, '/verify-email?token=');
  const VERIFY = `mutation ($token: String!) { verifyEmail(token: $token) { id emailVerified } }`;
  const verified = await mail.gql<{ verifyEmail: { id: string; emailVerified: boolean } }>(VERIFY, { token });
  expect(verified.data?.verifyEmail).toEqual({ id: user.id, emailVerified: true });
  expect((await mail.gql<{ me: { emailVerified: boolean } }>(EMAIL_VERIFIED, {}, user.accessToken)).data?.me.emailVerified).toBe(true);
  expect((await mail.gql(VERIFY, { token })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(
    (await mail.gql<{ requestEmailVerification: boolean }>(`mutation { requestEmailVerification }`, {}, user.accessToken)).data?.requestEmailVerification,
  ).toBe(false);
});

test('replaying user.events from the beginning sends nothing new', async () => {
  await register(mail, 'replay.before@example.org');
  await waitFor('the welcome email', () => mail.smtp.mailTo('replay.before@example.org').length === 1);
  const sentBefore = mail.smtp.received.length;
  const queuedBefore =
    (await mail.stack.notifications.notifications.countByStatus('SENT')) + (await mail.stack.notifications.notifications.countByStatus('QUEUED'));

  // Joining the mailer's group with a replay position moves the whole group back to offset 0: the
  // running worker (the group's active member) reads all of user.events again.
  const rewind = await startEventConsumer({
    bus: mail.stack.bus,
    groupId: MAILER_GROUP,
    replayFrom: { offset: 0 },
    handlers: { USER_REGISTERED: async () => undefined },
  });
  await rewind.stop();

  // Everything before the marker is re-read before it (one topic, log order).
  await register(mail, 'replay.marker@example.org');
  await waitFor('the marker welcome email', () => mail.smtp.mailTo('replay.marker@example.org').length === 1);
  expect(mail.smtp.received.length).toBe(sentBefore + 1);
  const queuedAfter =
    (await mail.stack.notifications.notifications.countByStatus('SENT')) + (await mail.stack.notifications.notifications.countByStatus('QUEUED'));
  expect(queuedAfter).toBe(queuedBefore + 1);
});
