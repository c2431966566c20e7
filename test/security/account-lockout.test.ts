import { setTimeout as sleep } from 'node:timers/promises';
import { UNKNOWN_ADDRESS_DELAY_MS } from '@skillgraph/platform';
import { edgeSettings, startEdgeGateway } from '../../gateway/test/support/edge';
import { postGraphQL, type GraphQLResponse } from '../../packages/stack/test/support/graphql';
import { register, startMailStack, waitFor, type MailStack } from '../../subgraphs/notifications/test/support/harness';

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { id } } }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }`;
const EMAIL = 'alan.turing@example.org';
const PASSWORD = 'enigma-bombe-1940';
const NEW_PASSWORD = 'imitation-game-1950';
const WRONG = 'Wrong password 123';

const ATTACKERS = Array.from({ length: 11 }, (_, index) => `203.0.113.${index + 10}`);
const KNOWN = '198.51.100.20';

describe('case 6: an attacker cannot lock a person out', () => {
  let mail: MailStack;
  let gateway: Awaited<ReturnType<typeof startEdgeGateway>>;
  let alanId: string;

  beforeAll(async () => {
    mail = await startMailStack();
    // A gateway that trusts X-Forwarded-For from loopback: each request comes from the address it names.
    gateway = await startEdgeGateway(mail.stack, { edge: edgeSettings({ trustedProxies: ['loopback'] }) });
    alanId = (await register(mail, EMAIL, 'Alan Turing', PASSWORD)).id;
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await mail?.stop();
  });

  const from = <T = Record<string, unknown>>(address: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    postGraphQL<T>(gateway.url, query, variables, { 'x-forwarded-for': address });
  const loginFrom = (address: string, password: string) => from<{ login: { user: { id: string } } }>(address, LOGIN, { email: EMAIL, password });
  const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

  it('after 5 wrong passwords from each of 11 addresses, alan signs in from a known and from a new address, and can reset his password', async () => {
    // Alan has signed in from his usual address before the attack.
    expect((await loginFrom(KNOWN, PASSWORD)).data?.login.user.id).toBe(alanId);

    // The attack. Each address's pair locks at its fifth failure; once the account is past its
    // ceiling (50 failures), the remaining addresses are only let through once per delay.
    const lockedPairs: string[] = [];
    for (const attacker of ATTACKERS) {
      const codes: unknown[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) codes.push(codeOf(await loginFrom(attacker, WRONG)));
      expect(codes[4]).toBe('RATE_LIMITED');
      expect(codes.every((code) => code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED')).toBe(true);
      if (codes.filter((code) => code === 'UNAUTHENTICATED').length === 4) lockedPairs.push(attacker);
    }
    expect(lockedPairs.length).toBeGreaterThanOrEqual(10);
    // The attacker's addresses are refused for alan, even with the right password.
    for (const attacker of ATTACKERS) expect(codeOf(await loginFrom(attacker, PASSWORD))).toBe('RATE_LIMITED');

    // (a) From the address he signed in from before: at once, even right after a typo (a new
    // address would now have to wait).
    expect(codeOf(await loginFrom(KNOWN, WRONG))).toBe('UNAUTHENTICATED');
    const known = await loginFrom(KNOWN, PASSWORD);
    expect(known.errors).toBeUndefined();
    expect(known.data?.login.user.id).toBe(alanId);

    // (b) From a new address: at once on the first try.
    const fresh = await loginFrom('192.0.2.77', PASSWORD);
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data?.login.user.id).toBe(alanId);

    // Alan's sign-ins unlocked none of the attacker's addresses.
    for (const attacker of lockedPairs) expect(codeOf(await loginFrom(attacker, PASSWORD))).toBe('RATE_LIMITED');

    // A typo from another new address costs him at most the configured delay, then he is in.
    expect(codeOf(await loginFrom('192.0.2.78', WRONG))).toBe('UNAUTHENTICATED');
    const paced = await loginFrom('192.0.2.78', PASSWORD);
    expect(codeOf(paced)).toBe('RATE_LIMITED');
    const waitSeconds = paced.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(waitSeconds).toBeGreaterThan(0);
    expect(waitSeconds).toBeLessThanOrEqual(UNKNOWN_ADDRESS_DELAY_MS / 1000);
    await sleep(waitSeconds * 1000);
    const afterWait = await loginFrom('192.0.2.78', PASSWORD);
    expect(afterWait.errors).toBeUndefined();
    expect(afterWait.data?.login.user.id).toBe(alanId);

    // Password reset works for him from a new address, and the new password signs him in.
    const asked = await from<{ requestPasswordReset: boolean }>('192.0.2.90', REQUEST_RESET, { email: EMAIL });
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.requestPasswordReset).toBe(true);
    const subject = 'Reset your SkillGraph password';
    await waitFor('the reset email', () => mail.smtp.mailTo(EMAIL).some((message) => message.subject === subject));
    const text = mail.smtp.mailTo(EMAIL).find((message) => message.subject === subject)!.text;
    const token = decodeURIComponent(/\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(text)![1]!);
    const reset = await from<{ resetPassword: boolean }>('192.0.2.90', RESET, { token, newPassword: NEW_PASSWORD });
    expect(reset.errors).toBeUndefined();
    expect(reset.data?.resetPassword).toBe(true);
    const withNewPassword = await loginFrom(KNOWN, NEW_PASSWORD);
    expect(withNewPassword.data?.login.user.id).toBe(alanId);
  }, 120_000);
});
