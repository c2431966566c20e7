import { SUBGRAPH_NAMES, type SubgraphName } from '@skillgraph/stack';
import type { QueryEvent } from '@skillgraph/platform';
import { causedByRequest, markRequestScopes } from './support/request-scope';
import { postGraphQL, startSystem, type AuthPayload, type TestSystem } from './support/system';

let system: TestSystem;
let student: AuthPayload;
let admin: AuthPayload;

beforeAll(async () => {
  system = await startSystem();
  student = await system.account('STUDENT', 'Sam Student');
  admin = await system.account('ADMIN', 'Ada Admin');
});
afterAll(async () => system.stop());

const FORGED_IDENTITY = (): Record<string, string> => ({
  'x-skillgraph-gateway-secret': 'forged-secret-forged-secret-forged-secret',
  'x-skillgraph-client-ip': '203.0.113.7',
  'x-skillgraph-anything': 'forged',
  'x-user-id': admin.user.id,
  'x-user-role': 'ADMIN',
  'x-forwarded-user': admin.user.id,
  'x-forwarded-email': admin.user.email!,
  'x-remote-user': admin.user.id,
  'remote-user': admin.user.id,
  'x-authenticated-userid': admin.user.id,
  'x-auth-request-user': admin.user.id,
  'x-viewer-id': admin.user.id,
  'x-role': 'ADMIN',
});

// Touches users (root and _entities) and courses (root and _entities).
const QUERY = '{ me { id role coursesTaught { id } } courses(first: 1) { totalCount edges { node { instructor { name } } } } }';

describe('identity headers sent by a client', () => {
  it.each([
    ['anonymous', undefined],
    ['signed in as a student', () => student.accessToken],
  ])('never reach a subgraph (%s)', async (_label, token) => {
    system.clearReceived();
    const accessToken = token?.();
    const result = await system.gql<{ me: { id: string; role: string } | null }>(
      QUERY,
      {},
      { headers: FORGED_IDENTITY(), ...(accessToken ? { token: accessToken } : {}) },
    );
    expect(result.errors).toBeUndefined();
    // The claim to be the admin changed nothing.
    expect(result.data?.me).toEqual(accessToken ? { id: student.user.id, role: 'STUDENT', coursesTaught: [] } : null);

    const operations = system.allReceived();
    expect(new Set(operations.map((operation) => operation.query.includes('_entities')))).toEqual(new Set(accessToken ? [true, false] : [false]));
    for (const { headers } of operations) {
      const forgedNames = Object.keys(FORGED_IDENTITY()).filter((name) => !['x-skillgraph-gateway-secret', 'x-skillgraph-client-ip'].includes(name));
      for (const name of forgedNames) expect(headers).not.toHaveProperty(name);
      expect(headers['x-skillgraph-gateway-secret']).toBe(system.stack.gatewaySecret);
      expect(headers['x-skillgraph-client-ip']).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
      if (accessToken) expect(headers.authorization).toBe(`Bearer ${accessToken}`);
      else expect(headers).not.toHaveProperty('authorization');
      // Nothing else the client sent is copied either.
      expect(JSON.stringify(headers)).not.toContain(admin.user.id);
      expect(JSON.stringify(headers)).not.toContain('203.0.113.7');
    }
  });
});

describe('a request straight to a subgraph, without the gateway secret', () => {
  const entities = (name: SubgraphName) => ({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
    variables: { r: [{ __typename: name === 'users' ? 'User' : 'Course', id: student.user.id }] },
  });
  const OPERATIONS: [string, (name: SubgraphName) => { query: string; variables?: Record<string, unknown> }][] = [
    ['_service', () => ({ query: '{ _service { sdl } }' })],
    ['_entities', entities],
    ['a normal query', () => ({ query: '{ __typename }' })],
  ];
  const SECRETS: [string, () => Record<string, string>][] = [
    ['no secret', () => ({})],
    ['a wrong secret', () => ({ 'x-skillgraph-gateway-secret': 'x'.repeat(43) })],
    ['an empty secret', () => ({ 'x-skillgraph-gateway-secret': '' })],
    ['the secret in another header', () => ({ 'x-gateway-secret': system.stack.gatewaySecret, authorization: `Bearer ${admin.accessToken}` })],
  ];

  let queries: QueryEvent[] = [];
  let unsubscribe: (() => void)[] = [];
  beforeEach(() => {
    system.clearReceived();
    queries = [];
    // The outbox relays, the notifications worker and the media worker's sweep query their stores
    // in the background, on their own schedule: only what an HTTP request causes counts here.
    unsubscribe = [
      markRequestScopes(),
      ...SUBGRAPH_NAMES.map((name) => system.stack.stores[name].onQuery((event) => void (causedByRequest() && queries.push(event)))),
    ];
  });
  afterEach(() => unsubscribe.forEach((stop) => stop()));

  const cases = SUBGRAPH_NAMES.flatMap((name) =>
    OPERATIONS.flatMap(([operation, build]) => SECRETS.map(([secret, headers]) => [name, operation, secret, build, headers] as const)),
  );

  it.each(cases)('%s: %s with %s gets 401 over POST and GET and executes nothing', async (name, _operation, _secret, build, headers) => {
    const { query, variables = {} } = build(name);
    const url = system.stack.subgraphUrls[name];
    const post = await postGraphQL(url, query, variables, { headers: headers() });
    const getUrl = new URL(url);
    getUrl.searchParams.set('query', query);
    getUrl.searchParams.set('variables', JSON.stringify(variables));
    const get = await fetch(getUrl, { headers: { 'apollo-require-preflight': 'true', ...headers() } });
    const getBody = await get.json();
    for (const [status, body] of [
      [post.status, { errors: post.errors, data: post.data }],
      [get.status, getBody],
    ] as const) {
      expect(status).toBe(401);
      expect(body).toEqual({ errors: [{ message: 'Requests must come through the SkillGraph gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(system.allReceived()).toEqual([]);
    expect(queries).toEqual([]);
  });

  it('is served with the secret (so the refusals above are about the secret alone)', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const result = await postGraphQL<{ _service: { sdl: string } }>(
        system.stack.subgraphUrls[name],
        '{ _service { sdl } }',
        {},
        {
          headers: { 'x-skillgraph-gateway-secret': system.stack.gatewaySecret },
        },
      );
      expect(result.status).toBe(200);
      expect(result.data?._service.sdl).toContain('type Query');
    }
    expect(system.allReceived()).toHaveLength(SUBGRAPH_NAMES.length);
    // The query counter sees what a request causes (so its emptiness above means something).
    const { query, variables } = entities('users');
    const resolved = await postGraphQL(system.stack.subgraphUrls.users, query, variables, {
      headers: { 'x-skillgraph-gateway-secret': system.stack.gatewaySecret },
    });
    expect(resolved.status).toBe(200);
    expect(queries.length).toBeGreaterThan(0);
  });

  it('with the secret but a bad token is refused by the subgraph itself, before anything runs', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const result = await postGraphQL(
        system.stack.subgraphUrls[name],
        '{ __typename }',
        {},
        {
          token: student.accessToken.slice(0, -4) + 'AAAA',
          headers: { 'x-skillgraph-gateway-secret': system.stack.gatewaySecret },
        },
      );
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(system.allReceived()).toEqual([]);
    expect(queries).toEqual([]);
  });
});
