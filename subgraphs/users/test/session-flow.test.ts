import { AUTH_FIELDS, DEFAULT_PASSWORD, startSystem, uniqueEmail, type AuthPayload, type TestSystem } from '../../../gateway/test/support/system';

const ME = '{ me { id name email role } }';
const REFRESH = `mutation ($token: String!) { refreshToken(token: $token) { ${AUTH_FIELDS} } }`;
const LOGOUT = 'mutation ($token: String!) { logout(refreshToken: $token) }';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => system.stop());

const refresh = (token: string) => system.gql<{ refreshToken: AuthPayload }>(REFRESH, { token });
const me = (token?: string) => system.gql<{ me: { id: string; name: string; email: string; role: string } | null }>(ME, {}, token ? { token } : {});

function expectSessionEnded(result: Awaited<ReturnType<typeof refresh>>): void {
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0]).toMatchObject({ message: 'Your session has ended. Sign in again.', extensions: { code: 'UNAUTHENTICATED' } });
}

describe('a session through the gateway', () => {
  it('registers, logs in, reads me, refreshes and logs out', async () => {
    const email = uniqueEmail('Flow');
    const registered = await system.register({ email, name: 'Ada Lovelace' });
    expect(registered.user).toMatchObject({ email, name: 'Ada Lovelace', role: 'STUDENT' });
    expect(new Date(registered.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(registered.refreshTokenExpiresAt).getTime()).toBeGreaterThan(new Date(registered.accessTokenExpiresAt).getTime());

    // Sign-in matches the email whatever its case.
    const session = await system.login(email.toUpperCase());
    expect(session.user.id).toBe(registered.user.id);

    expect((await me(session.accessToken)).data?.me).toEqual({ id: registered.user.id, name: 'Ada Lovelace', email, role: 'STUDENT' });
    expect((await me()).data?.me).toBeNull();

    const rotated = await refresh(session.refreshToken);
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.refreshToken;
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accessToken).not.toBe(session.accessToken);
    expect((await me(next.accessToken)).data?.me?.id).toBe(registered.user.id);

    expect((await system.gql<{ logout: boolean }>(LOGOUT, { token: next.refreshToken })).data?.logout).toBe(true);
    expectSessionEnded(await refresh(next.refreshToken));
    // The registration's own session was a different family and still works.
    expect((await refresh(registered.refreshToken)).data?.refreshToken.user.id).toBe(registered.user.id);
  });

  it('revokes the whole family when a spent refresh token comes back', async () => {
    const first = await system.register();
    const second = (await refresh(first.refreshToken)).data!.refreshToken;
    const third = (await refresh(second.refreshToken)).data!.refreshToken;

    // `first` was spent: presenting it again is reuse, whoever presents it.
    expectSessionEnded(await refresh(first.refreshToken));
    // ...so the token the legitimate holder has now is dead too.
    expectSessionEnded(await refresh(third.refreshToken));

    const family = await system.stack.stores.users
      .collection<{ _id: string; familyId: string; revokedAt?: Date }>({ name: 'refresh_tokens' })
      .then((tokens) => tokens.find({ userId: first.user.id }));
    expect(family).toHaveLength(3);
    expect(family.every((token) => token.revokedAt instanceof Date)).toBe(true);
    // Another login of the same user is another family and is untouched.
    const other = await system.login(first.user.email!);
    expect((await refresh(other.refreshToken)).errors).toBeUndefined();
  });

  it('lets exactly one of two concurrent refreshes with the same token win, and ends the family', async () => {
    const session = await system.register();
    const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    const winners = results.filter((result) => result.data?.refreshToken);
    expect(winners).toHaveLength(1);
    // The loser counts as reuse, so even the winner's new token is revoked.
    expectSessionEnded(await refresh(winners[0]!.data!.refreshToken.refreshToken));
  });

  it('refuses unknown, malformed and logged-out tokens alike', async () => {
    expectSessionEnded(await refresh('sgr_' + 'A'.repeat(43)));
    expectSessionEnded(await refresh('not a token'));
    expect((await system.gql<{ logout: boolean }>(LOGOUT, { token: 'sgr_' + 'B'.repeat(43) })).data?.logout).toBe(false);
  });

  it('keeps the password hash out of every answer', async () => {
    const session = await system.register();
    const results = [
      await me(session.accessToken),
      await system.gql(`{ user(id: "${session.user.id}") { id name email role createdAt } }`, {}, { token: session.accessToken }),
      await system.gql(`{ me { passwordHash } }`, {}, { token: session.accessToken }),
    ];
    for (const result of results) expect(result.text).not.toMatch(/argon2|passwordHash"\s*:/);
    expect(results[2]!.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('puts the current role into the next access token after an admin changes it', async () => {
    const admin = await system.account('ADMIN');
    const student = await system.register();
    const changed = await system.gql<{ changeUserRole: { role: string } }>(
      'mutation ($id: ID!) { changeUserRole(userId: $id, role: INSTRUCTOR) { role } }',
      { id: student.user.id },
      { token: admin.accessToken },
    );
    expect(changed.data?.changeUserRole.role).toBe('INSTRUCTOR');
    // The old access token still says STUDENT until it expires; the refreshed one says INSTRUCTOR.
    const course = 'mutation { createCourse(input: { title: "Role test", description: "d" }) { id } }';
    expect((await system.gql(course, {}, { token: student.accessToken })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refreshed = (await refresh(student.refreshToken)).data!.refreshToken;
    expect(refreshed.user.role).toBe('INSTRUCTOR');
    expect((await system.gql(course, {}, { token: refreshed.accessToken })).errors).toBeUndefined();
  });
});

describe('keys', () => {
  it('publishes the public keys at /.well-known/jwks.json without the gateway secret', async () => {
    const url = new URL('/.well-known/jwks.json', system.stack.subgraphUrls.users);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([system.stack.keyRing.signingKey().kid]);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    }
  });

  it('keeps tokens signed before a rotation valid, and signs new ones with the new key', async () => {
    const before = await system.register({ password: DEFAULT_PASSWORD });
    const oldKid = system.stack.keyRing.signingKey().kid;
    const { generateSigningKey } = await import('@skillgraph/platform');
    system.stack.keyRing.add(await generateSigningKey(new Date(Date.now() + 1000)));
    const after = await system.login(before.user.email!);

    const kid = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
    expect(kid(before.accessToken)).toBe(oldKid);
    expect(kid(after.accessToken)).not.toBe(oldKid);
    expect((await me(before.accessToken)).data?.me?.id).toBe(before.user.id);
    expect((await me(after.accessToken)).data?.me?.id).toBe(before.user.id);
  });
});
