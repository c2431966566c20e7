import { edgeSettings, startEdgeGateway } from '../../../gateway/test/support/edge';
import { DEFAULT_PASSWORD, LOGIN, postGraphQL, startSystem, uniqueEmail, type GraphQLResult, type TestSystem } from '../../../gateway/test/support/system';

// Requests through the stack's gateway come from 127.0.0.1, so the per-address ceiling (30 failures
// in 15 min) is shared by those tests; the order below keeps the account tests under it. The pair
// test goes through a second gateway that trusts X-Forwarded-For from loopback, to sign in from
// several addresses.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => system.stop());

const login = (email: string, password: string) => system.gql(LOGIN, { email, password });
const codeOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;
const WRONG = 'Wrong password 123';

describe('login failures', () => {
  it('give the same answer for an unknown email and a wrong password', async () => {
    const known = await system.register();
    const wrongPassword = await login(known.user.email!, WRONG);
    const unknownEmail = await login(uniqueEmail('nobody'), WRONG);
    for (const result of [wrongPassword, unknownEmail]) {
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        expect.objectContaining({ message: 'The email address or password is incorrect.', extensions: { code: 'UNAUTHENTICATED' } }),
      ]);
    }
    expect(wrongPassword.text.replace(/"path":\[[^\]]*\]/, '')).toBe(unknownEmail.text.replace(/"path":\[[^\]]*\]/, ''));
  });

  it('lock an account after 5 failures, even against the right password and in another case', async () => {
    const session = await system.register();
    const email = session.user.email!;
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 5; attempt++) codes.push(codeOf(await login(email, WRONG)));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    const locked = await login(email.toUpperCase(), DEFAULT_PASSWORD);
    expect(locked.errors?.[0]).toMatchObject({ message: 'Too many failed sign-in attempts. Try again later.', extensions: { code: 'RATE_LIMITED' } });
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Other accounts are not affected.
    const other = await system.register();
    expect((await system.login(other.user.email!)).user.id).toBe(other.user.id);
  });

  it('lock an unknown email exactly like a known one', async () => {
    const email = uniqueEmail('ghost');
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 6; attempt++) codes.push(codeOf(await login(email, WRONG)));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('reset the (account, address) count after a successful login', async () => {
    const session = await system.register();
    const email = session.user.email!;
    for (let attempt = 0; attempt < 3; attempt++) await login(email, WRONG);
    await system.login(email);
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 4; attempt++) codes.push(codeOf(await login(email, WRONG)));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('lock the (account, address) pair: the attacker address is locked for that account only', async () => {
    const gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ trustedProxies: ['loopback'] }) });
    try {
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      const loginFrom = (address: string, email: string, password: string) => postGraphQL(gateway.url, LOGIN, { email, password }, from(address));
      const [x, y] = [await system.register(), await system.register()];
      const attacker = '203.0.113.66';
      const codes: (string | undefined)[] = [];
      for (let attempt = 0; attempt < 5; attempt++) codes.push(codeOf(await loginFrom(attacker, x.user.email!, WRONG)));
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      // A is locked for X, even with the right password.
      expect(codeOf(await loginFrom(attacker, x.user.email!, DEFAULT_PASSWORD))).toBe('RATE_LIMITED');
      // X still signs in from address B.
      const fromB = await loginFrom('198.51.100.7', x.user.email!, DEFAULT_PASSWORD);
      expect((fromB.data?.login as { user: { id: string } } | undefined)?.user.id).toBe(x.user.id);
      // A still signs in to account Y.
      const intoY = await loginFrom(attacker, y.user.email!, DEFAULT_PASSWORD);
      expect((intoY.data?.login as { user: { id: string } } | undefined)?.user.id).toBe(y.user.id);
      // X's success from B did not unlock A for X.
      expect(codeOf(await loginFrom(attacker, x.user.email!, DEFAULT_PASSWORD))).toBe('RATE_LIMITED');
    } finally {
      await gateway.stop();
    }
  });

  it('lock the client address after 30 failures across many accounts', async () => {
    // Earlier tests already spent part of this address's 30-failure budget, so spray fresh emails
    // until it locks: that must happen before 30 more failures.
    const victim = await system.register();
    let attempts = 0;
    let last: GraphQLResult | undefined;
    while (attempts < 31) {
      last = await login(uniqueEmail('spray'), WRONG);
      attempts++;
      if (codeOf(last) === 'RATE_LIMITED') break;
    }
    expect(codeOf(last!)).toBe('RATE_LIMITED');
    expect(attempts).toBeLessThan(30);
    // Now even a correct password for an untouched account is refused from this address.
    expect(codeOf(await login(victim.user.email!, DEFAULT_PASSWORD))).toBe('RATE_LIMITED');
    // Claiming another address does not help: the gateway replaces the header with the socket's.
    for (const header of ['x-skillgraph-client-ip', 'x-forwarded-for', 'x-real-ip']) {
      const spoofed = await system.gql(LOGIN, { email: victim.user.email, password: DEFAULT_PASSWORD }, { headers: { [header]: '203.0.113.7' } });
      expect(codeOf(spoofed)).toBe('RATE_LIMITED');
    }
  });
});
