import { startSystem, REPO_ROOT, type TestSystem } from '../../gateway/test/support/system';
import { edgeSettings, startEdgeGateway } from '../../gateway/test/support/edge';

interface Probe {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const MALFORMED_MULTIPART: Probe = {
  name: 'malformed multipart',
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'apollo-require-preflight': 'true' },
  body: '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{not json\r\n--xyz\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":\r\n--xyz--\r\n',
};
const PROBES: Probe[] = [
  MALFORMED_MULTIPART,
  { name: 'malformed JSON', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }",' },
  // A query string takes subgraphs off their lean path, through Express's own body parser.
  { name: 'malformed JSON (Express path)', method: 'POST', path: '/graphql?x=1', headers: { 'content-type': 'application/json' }, body: '{"query": ' },
  {
    name: 'oversize JSON',
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ __typename }`, pad: 'a'.repeat(3 * 1024 * 1024) }),
  },
  {
    name: 'oversize JSON (Express path)',
    method: 'POST',
    path: '/graphql?x=1',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pad: 'a'.repeat(3 * 1024 * 1024) }),
  },
  { name: 'unknown path', method: 'GET', path: '/no/such/page' },
  { name: 'unknown asset', method: 'GET', path: '/assets/missing.js' },
  { name: 'bad percent-encoding in a route parameter', method: 'GET', path: '/certificates/%E0%A4%A.pdf' },
  { name: 'bad method on the API', method: 'DELETE', path: '/graphql' },
  { name: 'bad method on a probe', method: 'PUT', path: '/health' },
  { name: 'unknown method', method: 'PROPFIND', path: '/' },
];

/** What no answer may contain: an HTML page, a stack frame, a file path of this checkout or its dependencies. */
function leaks(body: string): string[] {
  const found: string[] = [];
  if (/<html|<!doctype|<pre>/i.test(body)) found.push('an HTML page');
  if (/\bat \S*\s*\(?(\/|file:|node:)/.test(body) || /\n\s+at /.test(body)) found.push('a stack frame');
  if (body.includes(REPO_ROOT)) found.push('the repository path');
  if (body.includes('node_modules')) found.push('a node_modules path');
  return found;
}

async function probe(origin: string, { method, path, headers, body }: Probe): Promise<{ status: number; body: string }> {
  const response = await fetch(origin + path, { method, ...(headers ? { headers } : {}), ...(body !== undefined ? { body } : {}) });
  return { status: response.status, body: await response.text() };
}

async function expectNoLeaks(origin: string, probes: Probe[]): Promise<void> {
  const problems: string[] = [];
  for (const item of probes) {
    const answer = await probe(origin, item);
    const found = leaks(answer.body);
    if (found.length > 0) problems.push(`${item.name} (${answer.status}): ${found.join(', ')}: ${answer.body.slice(0, 200)}`);
    if (answer.status < 400) problems.push(`${item.name}: answered ${answer.status}`);
  }
  expect(problems).toEqual([]);
}

// Express reads NODE_ENV when an app is created: each mode gets its own servers.
describe.each(['development', 'production'] as const)('case 9: no HTML page, stack or file path in any error (%s)', (mode) => {
  let system: TestSystem | undefined;
  let gateway: Awaited<ReturnType<typeof startEdgeGateway>> | undefined;
  const saved = process.env.NODE_ENV;

  beforeAll(async () => {
    process.env.NODE_ENV = mode;
    try {
      system = await startSystem();
      gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ rateLimits: { windowSeconds: 60, perClient: 0, perUser: 0 } }) });
    } finally {
      process.env.NODE_ENV = saved;
    }
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
  });

  it('the gateway answers every malformed, oversize, unknown or misdirected request without one', async () => {
    await expectNoLeaks(gateway!.origin, PROBES);
  }, 60_000);

  it('the subgraphs (courses, and media with its upload parser) answer them without one', async () => {
    const origin = (url: string) => new URL(url).origin;
    await expectNoLeaks(origin(system!.stack.subgraphUrls.courses), PROBES);
    await expectNoLeaks(origin(system!.stack.subgraphUrls.media), [MALFORMED_MULTIPART]);
    await expectNoLeaks(
      origin(system!.stack.subgraphUrls.assessments),
      PROBES.filter((item) => item.path.startsWith('/certificates')),
    );
  }, 60_000);
});
