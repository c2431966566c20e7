import { postGraphQL, startSystem, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway } from './support/edge';

// Course.instructor -> User.coursesTaught -> Course ...: a real cycle, so depth is only bounded by limits.
function nested(levels: number): string {
  let selection = 'id';
  for (let level = 0; level < levels; level += 1) selection = level % 2 === 0 ? `coursesTaught { ${selection} }` : `instructor { ${selection} }`;
  return `{ course(id: "c") { ${levels % 2 === 0 ? selection : `instructor { ${selection} }`} } }`;
}
const aliases = (count: number): string => `{ ${Array.from({ length: count }, (_, i) => `a${i}: course(id: "c") { id }`).join(' ')} }`;
const directives = (count: number): string => `{ course(id: "c") { id ${'@include(if: true) '.repeat(count)} } }`;
// 100 courses x 100 enrollments x their courses' lessons: a planner and four subgraphs' worth of work.
const COST_BOMB = `{
  courses(first: 100) { edges { node { title instructor { name enrollments(first: 100) { edges { node {
    course { title lessons { title } instructor { enrollments(first: 100) { edges { node { status } } } } }
  } } } } } } }
}`;
const CATALOGUE = `{ courses(first: 3) { edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } } } }`;

let system: TestSystem;
let strict: Awaited<ReturnType<typeof startEdgeGateway>>;
let roomyTokens: Awaited<ReturnType<typeof startEdgeGateway>>;
let production: Awaited<ReturnType<typeof startEdgeGateway>>;

beforeAll(async () => {
  system = await startSystem();
  // Lag shedding off here: validating 5,000 aliases with the token budget lifted stalls this
  // shared event loop, and this suite is about limits, not overload (edge-overload.test.ts).
  const base = { eventLoopLagLimitMs: 0 };
  strict = await startEdgeGateway(system.stack, { edge: edgeSettings(base) });
  // Token budget lifted so each structural limit is reached on its own, after parsing.
  const defaults = edgeSettings();
  roomyTokens = await startEdgeGateway(system.stack, { edge: edgeSettings({ ...base, limits: { ...defaults.limits, maxTokens: 1_000_000 } }) });
  production = await startEdgeGateway(system.stack, { edge: edgeSettings({ ...base, hideSchemaDetails: true }) });
}, 180_000);
afterAll(async () => {
  await Promise.all([strict, roomyTokens, production].map((gateway) => gateway?.stop()));
  await system?.stop();
});
beforeEach(() => system.clearReceived());

describe('hostile operations are refused with 400, their code, and no subgraph request', () => {
  it.each([
    ['1,000-level nesting (token budget reached while parsing)', 'MAX_TOKENS_EXCEEDED', () => nested(1000), () => strict.url],
    ['1,000-level nesting', 'MAX_DEPTH_EXCEEDED', () => nested(1000), () => roomyTokens.url],
    ['5,000 aliases (token budget)', 'MAX_TOKENS_EXCEEDED', () => aliases(5000), () => strict.url],
    ['5,000 aliases', 'MAX_ALIASES_EXCEEDED', () => aliases(5000), () => roomyTokens.url],
    ['10,000 directives (token budget)', 'MAX_TOKENS_EXCEEDED', () => directives(10_000), () => strict.url],
    ['10,000 directives', 'MAX_DIRECTIVES_EXCEEDED', () => directives(10_000), () => roomyTokens.url],
    ['nested first: 100 lists (cost bomb)', 'MAX_COST_EXCEEDED', () => COST_BOMB, () => strict.url],
    [
      'too many root fields',
      'MAX_ROOT_FIELDS_EXCEEDED',
      () => `{ ${Array.from({ length: 25 }, (_, i) => `r${i}: courses(first: 1) { edges { cursor } }`).join(' ')} }`,
      () => roomyTokens.url,
    ],
  ])('%s → %s', async (_name, code, query, url) => {
    // query() and url() are thunks: the gateways start in beforeAll.
    const result = await postGraphQL(url(), query());
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toContain(code);
    expect(system.allReceived()).toEqual([]);
  });

  it('an ordinary catalogue query passes every limit and is answered', async () => {
    const result = await postGraphQL<{ courses: { edges: unknown[] } }>(strict.url, CATALOGUE);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(system.received.courses.length).toBeGreaterThan(0);
  });
});

describe('operation names', () => {
  const TWO = 'query A { courses(first: 1) { edges { cursor } } } query B { courses(first: 2) { edges { cursor } } }';

  it('an unknown operationName is a 400 OPERATION_RESOLUTION_FAILURE, not a 500', async () => {
    const response = await fetch(strict.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: TWO, operationName: 'C' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(system.allReceived()).toEqual([]);
  });

  it('several operations and no operationName is a 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const result = await postGraphQL(strict.url, TWO);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(system.allReceived()).toEqual([]);
  });

  it('a named operation among several runs', async () => {
    const response = await fetch(strict.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: TWO, operationName: 'B' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('field suggestions', () => {
  it('development suggests the field meant; production does not', async () => {
    const typo = '{ courses(first: 1) { edges { node { titel } } } }';
    const dev = await postGraphQL(strict.url, typo);
    const prod = await postGraphQL(production.url, typo);
    expect(dev.status).toBe(400);
    expect(prod.status).toBe(400);
    expect(dev.text).toMatch(/Did you mean/);
    expect(prod.text).not.toMatch(/Did you mean/);
    expect(prod.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
