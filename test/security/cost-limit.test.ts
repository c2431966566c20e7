import { createHash } from 'node:crypto';
import { postGraphQL, startSystem, type GraphQLResult, type TestSystem } from '../../gateway/test/support/system';

// Two nested pages: at 100 items each over the default cost limit (20,000), at 1 item each far under.
const LITERAL = (size: number) =>
  `{ courses(first: ${size}) { edges { node { title instructor { name enrollments(first: ${size}) { edges { node { status course { title } } } } } } } } }`;
const WITH_VARIABLES = (declaration: string) =>
  `query Catalogue(${declaration}) { courses(first: $a) { edges { node { title instructor { name enrollments(first: $b) { edges { node { status course { title } } } } } } } } }`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let system: TestSystem;
let url: string;
beforeAll(async () => {
  system = await startSystem({ seed: true });
  url = system.stack.gatewayUrl;
}, 180_000);
afterAll(() => system?.stop());

/** Status, codes and messages: what "refused exactly like" compares. */
const verdict = (result: GraphQLResult) => ({
  status: result.status,
  errors: result.errors?.map((error) => ({ message: error.message, code: error.extensions?.code })),
  data: result.data ?? null,
});

describe('case 8: the cost limit costs the page sizes the request sends', () => {
  it('refuses the literal first: 100 and accepts first: 1 (the reference)', async () => {
    const refused = await postGraphQL(url, LITERAL(100));
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
    const accepted = await postGraphQL(url, LITERAL(1));
    expect(accepted.errors).toBeUndefined();
  });

  it('a variable declared "= 1" but sent as 100 is refused exactly like the literal 100', async () => {
    const literal = verdict(await postGraphQL(url, LITERAL(100)));
    system.clearReceived();
    const sent = await postGraphQL(url, WITH_VARIABLES('$a: Int = 1, $b: Int = 1'), { a: 100, b: 100 });
    expect(verdict(sent)).toEqual(literal);
    expect(system.allReceived()).toEqual([]);
    // Non-null variables without defaults, sent as 100: the same.
    expect(verdict(await postGraphQL(url, WITH_VARIABLES('$a: Int!, $b: Int!'), { a: 100, b: 100 }))).toEqual(literal);
  });

  it('a default of 100 is costed when the variable is left out, and the value sent when it is not', async () => {
    const literal = verdict(await postGraphQL(url, LITERAL(100)));
    const declared = WITH_VARIABLES('$a: Int = 100, $b: Int = 100');
    expect(verdict(await postGraphQL(url, declared))).toEqual(literal);
    const small = await postGraphQL(url, declared, { a: 1, b: 1 });
    expect(small.status).toBe(200);
    expect(small.errors).toBeUndefined();
  });

  it('a variable left out without a default costs the documented ceiling (100)', async () => {
    const literal = verdict(await postGraphQL(url, LITERAL(100)));
    expect(verdict(await postGraphQL(url, WITH_VARIABLES('$a: Int, $b: Int')))).toEqual(literal);
    const sent = await postGraphQL(url, WITH_VARIABLES('$a: Int, $b: Int'), { a: 1, b: 1 });
    expect(sent.errors).toBeUndefined();
  });

  it('an automatic persisted query is costed with the variables of each request, not those it was registered with', async () => {
    const query = WITH_VARIABLES('$a: Int = 1, $b: Int = 1');
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const send = async (body: Record<string, unknown>) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, ...(JSON.parse(text) as Pick<GraphQLResult, 'data' | 'errors'>) };
    };
    const registered = await send({ query, variables: { a: 1, b: 1 }, extensions });
    expect(registered.status).toBe(200);
    expect(registered.errors).toBeUndefined();
    const literal = verdict(await postGraphQL(url, LITERAL(100)));
    system.clearReceived();
    expect(verdict(await send({ variables: { a: 100, b: 100 }, extensions }))).toEqual(literal);
    expect(system.allReceived()).toEqual([]);
  });
});
