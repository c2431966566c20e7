import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postGraphQL, REPO_ROOT, startSystem, type TestSystem } from '../../gateway/test/support/system';
import { startEdgeGateway } from '../../gateway/test/support/edge';
import { loadEdgeSettings } from '../../gateway/src/config';

const ENROLLMENTS = 'query ($s: EnrollmentStatus) { me { enrollments(status: $s) { edges { cursor } } } }';
const CREATE_UPLOAD = 'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { asset { id } } }';

/** Each misspelling a client can make, with the name graphql-js would suggest for it. */
const MISSPELLINGS: { what: string; query: string; variables?: Record<string, unknown>; suggests: string }[] = [
  { what: 'a field', query: '{ courses(first: 1) { edges { node { tilte } } } }', suggests: 'title' },
  { what: 'an argument', query: '{ courses(frist: 1) { edges { cursor } } }', suggests: 'first' },
  { what: 'an enum literal', query: '{ me { enrollments(status: ACTIV) { edges { cursor } } } }', suggests: 'ACTIVE' },
  { what: 'an enum variable', query: ENROLLMENTS, variables: { s: 'ACTIV' }, suggests: 'ACTIVE' },
  {
    what: 'an input field in a variable',
    query: CREATE_UPLOAD,
    variables: { i: { filename: 'a.png', contentTyp: 'image/png', kind: 'IMAGE', size: 1 } },
    suggests: 'contentType',
  },
  // The supergraph below names Course.titel, which the courses subgraph does not serve: the
  // message comes from the subgraph's own validation, passed on by the gateway.
  { what: 'a field the subgraph refuses', query: '{ courses(first: 1) { edges { node { titel } } } }', suggests: 'title' },
];

let system: TestSystem;
let directory: string;
let production: Awaited<ReturnType<typeof startEdgeGateway>>;
let development: Awaited<ReturnType<typeof startEdgeGateway>>;
beforeAll(async () => {
  system = await startSystem({ seed: true });
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'supergraph-ahead-'));
  const supergraph = fs.readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  const published = '  published: Boolean! @join__field(graph: COURSES)\n';
  if (!supergraph.includes(published)) throw new Error('the supergraph no longer has Course.published');
  const supergraphPath = path.join(directory, 'supergraph.graphql');
  fs.writeFileSync(supergraphPath, supergraph.replace(published, `${published}  titel: String @join__field(graph: COURSES)\n`));
  // The settings NODE_ENV=production (and development) give, with the lag shedder off for busy test machines.
  production = await startEdgeGateway(system.stack, { edge: { ...loadEdgeSettings({ NODE_ENV: 'production' }), eventLoopLagLimitMs: 0 }, supergraphPath });
  development = await startEdgeGateway(system.stack, { edge: { ...loadEdgeSettings({ NODE_ENV: 'development' }), eventLoopLagLimitMs: 0 }, supergraphPath });
}, 180_000);
afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await system?.stop();
  if (directory) fs.rmSync(directory, { recursive: true, force: true });
});

describe('case 4: no suggestions in production', () => {
  it.each(MISSPELLINGS)('production: $what is refused without "Did you mean"', async ({ query, variables }) => {
    const result = await postGraphQL(production.url, query, variables ?? {});
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.text).not.toMatch(/did you mean/i);
  });

  it.each(MISSPELLINGS)('development: $what still gets its suggestion', async ({ query, variables, suggests }) => {
    const result = await postGraphQL(development.url, query, variables ?? {});
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.errors!.some((error) => error.message.includes('Did you mean') && error.message.includes(`"${suggests}"`))).toBe(true);
  });
});
