import { DEFAULT_PASSWORD, REGISTER, startSystem, uniqueEmail, type TestSystem } from '../../../gateway/test/support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => system.stop());

const register = (input: Record<string, unknown>) => system.gql(REGISTER, { input });
const countUsers = () => system.users.count();
const countRefreshTokens = async () => (await system.stack.stores.users.collection({ name: 'refresh_tokens' })).count({});

/** Runs `attempt` and proves it wrote nothing: no user and no refresh token more than before. */
async function withoutWrites<T>(attempt: () => Promise<T>): Promise<T> {
  const before = [await countUsers(), await countRefreshTokens()];
  const result = await attempt();
  expect([await countUsers(), await countRefreshTokens()]).toEqual(before);
  return result;
}

describe('register refuses bad input and writes nothing', () => {
  it('answers CONFLICT for an email already taken in another case', async () => {
    const email = uniqueEmail('Mixed.Case');
    await system.register({ email });
    for (const variant of [email.toUpperCase(), email.toLowerCase(), `  ${email.replace('Mixed', 'MIXED')} `]) {
      const result = await withoutWrites(() => register({ email: variant, password: DEFAULT_PASSWORD, name: 'Copycat' }));
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        message: 'An account with this email address already exists.',
        extensions: { code: 'CONFLICT', field: 'input.email' },
      });
    }
  });

  it('lets only one of two concurrent sign-ups with one email (in two cases) through', async () => {
    const email = uniqueEmail('race');
    const before = await countUsers();
    const results = await Promise.all([
      register({ email, password: DEFAULT_PASSWORD, name: 'One' }),
      register({ email: email.toUpperCase(), password: DEFAULT_PASSWORD, name: 'Two' }),
    ]);
    expect(results.filter((result) => result.data?.register)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.code)).toEqual(['CONFLICT']);
    expect(await countUsers()).toBe(before + 1);
  });

  it.each([
    ['too short', 'Sh0rt!', 'too_short'],
    ['one kind of character', 'abcdefghijklmnop', 'single_character_class'],
    ['a common password', 'Password123', 'too_common'],
    ['the email address', null, 'matches_identity'],
    ['the name', 'Grace Hopper', 'matches_identity'],
  ])('answers BAD_USER_INPUT on input.password for a password that is %s', async (_label, password, rule) => {
    const email = uniqueEmail();
    const result = await withoutWrites(() => register({ email, password: password ?? email, name: 'Grace Hopper' }));
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect(result.errors?.[0]?.extensions?.rules).toContain(rule);
  });

  it.each(['not-an-email', 'someone@', '@example.com', 'a..b@example.com', 'someone@localhost', 'some one@example.com', ''])(
    'answers BAD_USER_INPUT on input.email for %p',
    async (email) => {
      const result = await withoutWrites(() => register({ email, password: DEFAULT_PASSWORD, name: 'Someone' }));
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    },
  );

  it.each(['', '   ', 'x'.repeat(101), 'bell\u0007'])('answers BAD_USER_INPUT on input.name for %p', async (name) => {
    const result = await withoutWrites(() => register({ email: uniqueEmail(), password: DEFAULT_PASSWORD, name }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('does not let a registration choose its role', async () => {
    const result = await withoutWrites(() => register({ email: uniqueEmail(), password: DEFAULT_PASSWORD, name: 'Sneaky', role: 'ADMIN' }));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/"role" is not defined by type "RegisterInput"/);
    expect((await system.register()).user.role).toBe('STUDENT');
  });

  it('stores the email as typed but compares it normalised', async () => {
    const email = uniqueEmail('Display.Name');
    const registered = await system.register({ email: `  ${email}  ` });
    expect(registered.user.email).toBe(email);
    const stored = await system.users.findById(registered.user.id);
    expect(stored?.emailKey).toBe(email.toLowerCase());
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('updateProfile', () => {
  it('changes the caller own name and refuses a bad one without writing', async () => {
    const session = await system.register({ name: 'Before' });
    const UPDATE = 'mutation ($name: String) { updateProfile(input: { name: $name }) { id name } }';
    const ok = await system.gql(UPDATE, { name: '  After  ' }, { token: session.accessToken });
    expect(ok.data).toEqual({ updateProfile: { id: session.user.id, name: 'After' } });
    const bad = await system.gql(UPDATE, { name: ' ' }, { token: session.accessToken });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect((await system.users.findById(session.user.id))?.name).toBe('After');
    const anonymous = await system.gql(UPDATE, { name: 'Nobody' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
