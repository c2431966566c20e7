import { Writable } from 'node:stream';
import pino from 'pino';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing, type TracingHandle } from '@skillgraph/platform/src/observability';
import { postGraphQL, startSystem, uniqueEmail, DEFAULT_PASSWORD, LOGIN, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway } from './support/edge';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

/** Throws on a JSON object with the same key twice at any level (JSON.parse would keep the last silently). */
function assertNoDuplicateKeys(line: string): void {
  const stack: Set<string>[] = [];
  const tokens = line.matchAll(/"((?:[^"\\]|\\.)*)"\s*:|[{}]/g);
  for (const token of tokens) {
    if (token[0] === '{') stack.push(new Set());
    else if (token[0] === '}') stack.pop();
    else {
      const keys = stack.at(-1)!;
      if (keys.has(token[1]!)) throw new Error(`duplicate key "${token[1]}" in ${line}`);
      keys.add(token[1]!);
    }
  }
}

let tracing: TracingHandle;
let system: TestSystem;
let gateway: Awaited<ReturnType<typeof startEdgeGateway>>;

beforeAll(async () => {
  tracing = startTracing({ enabled: true, serviceName: 'skillgraph-test' }, [new SimpleSpanProcessor(new InMemorySpanExporter())]);
  system = await startSystem();
  gateway = await startEdgeGateway(system.stack, {
    edge: edgeSettings({ eventLoopLagLimitMs: 0 }),
    logger: pino({ level: 'info', base: { service: 'gateway' } }, sink),
  });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await system?.stop();
  await tracing?.stop();
});

describe('the operation log', () => {
  it('writes one JSON line per operation with name, duration, outcome and trace id, and no secrets', async () => {
    const email = uniqueEmail('logged');
    const registered = await system.register({ email });
    lines.length = 0;

    const login = await postGraphQL(gateway.url, LOGIN.replace('mutation (', 'mutation SignIn('), { email, password: DEFAULT_PASSWORD });
    expect(login.status).toBe(200);
    const page = await postGraphQL(gateway.url, 'query Page { courses(first: 1) { edges { cursor } } }', {}, { token: registered.accessToken });
    expect(page.status).toBe(200);
    const refused = await postGraphQL(gateway.url, `{ course(id: "c") { ${'instructor { coursesTaught { '.repeat(10)} id ${'} } '.repeat(10)} } }`);
    expect(refused.status).toBe(400);

    const operations = lines.filter((line) => JSON.parse(line).msg === 'operation');
    expect(operations).toHaveLength(3);
    for (const line of operations) assertNoDuplicateKeys(line);
    const [signIn, pageLine, refusedLine] = operations.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(signIn).toMatchObject({ operation: 'SignIn', outcome: 'success', status: 200, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(pageLine).toMatchObject({ operation: 'Page', outcome: 'success', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(refusedLine).toMatchObject({ operation: null, outcome: 'refused', status: 400, codes: expect.arrayContaining(['MAX_DEPTH_EXCEEDED']) });
    for (const entry of [signIn, pageLine, refusedLine]) expect(typeof entry!.durationMs).toBe('number');

    const everything = lines.join('\n');
    expect(everything).not.toContain(DEFAULT_PASSWORD);
    expect(everything).not.toContain(email);
    expect(everything).not.toContain(registered.accessToken);
    expect(everything).not.toContain((login.data as { login: { refreshToken: string } }).login.refreshToken);
  });
});
