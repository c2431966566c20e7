import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { postGraphQL, REPO_ROOT, startSystem, type GraphQLResult, type TestSystem } from '../../gateway/test/support/system';
import { edgeSettings, startEdgeGateway } from '../../gateway/test/support/edge';
import { parsePrometheus } from '../../gateway/test/support/prometheus';

// The README's catalogue query: courses, with fields from users, assessments and media.
const CATALOGUE = `{ courses(first: 3) { edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } } } }`;
const BAD_SIZE = `mutation ($s: ByteCount!) { createUpload(input: { filename: "a.png", contentType: "image/png", kind: IMAGE, size: $s }) { asset { id } } }`;
// A client alias named like Course's key: the query planner mishandles it (see docs/edge.md).
const KEY_ALIAS = `{ courses(first: 1) { edges { node { certificatePolicy id: published @include(if: false) } } } }`;
const CLIENT_CODES = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];
const REQUESTS = 1_000;
const CONCURRENCY = 20;

interface Lesson {
  title: string;
  media: { filename: string }[] | null;
}
interface Catalogue {
  courses: { edges: { node: { title: string; instructor: { name: string }; assessments: { title: string }[] | null; lessons: Lesson[] } }[] };
}

/** Runs `count` calls of `task`, `concurrency` at a time, and returns their results in order. */
async function bounded<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** How many answers carried each error code (first error of each answer; `none` for no error). */
function codes(results: GraphQLResult[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const result of results) {
    const code = String(result.errors?.[0]?.extensions?.code ?? 'none');
    tally[code] = (tally[code] ?? 0) + 1;
  }
  return tally;
}

/** The gateway's breaker state per subgraph, as its /metrics shows it (0 closed, 1 half-open, 2 open). */
async function breakerStates(gatewayUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
  return Object.fromEntries(
    parsePrometheus(text)
      .filter((sample) => sample.name === 'gateway_subgraph_breaker_state')
      .map((sample) => [sample.labels.subgraph!, sample.value]),
  );
}

/** The catalogue as another user sees it: every course with its instructor, assessments and lessons' media. */
function expectCompleteCatalogue(result: GraphQLResult<Catalogue>): void {
  expect(result.errors).toBeUndefined();
  const courses = result.data!.courses.edges.map((edge) => edge.node);
  expect(courses.length).toBeGreaterThan(0);
  expect(courses.every((course) => course.title.length > 0 && course.instructor.name.length > 0 && Array.isArray(course.assessments))).toBe(true);
  const lessons = courses.flatMap((course) => course.lessons);
  expect(lessons.length).toBeGreaterThan(0);
  expect(lessons.every((lesson) => Array.isArray(lesson.media))).toBe(true);
  expect(lessons.some((lesson) => lesson.media!.length > 0)).toBe(true);
}

/** A stand-in subgraph answering every request with `status` and `body`. */
async function fakeSubgraph(status: number, body: string, contentType = 'application/json') {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => res.writeHead(status, { 'content-type': contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let system: TestSystem;
let student: string;
beforeAll(async () => {
  system = await startSystem({ seed: true });
  student = (await system.account('STUDENT')).accessToken;
}, 180_000);
afterAll(() => system?.stop());

describe('case 2: an anonymous client cannot switch a subgraph off for everyone', () => {
  it('1,000 bad custom-scalar variables: each a BAD_USER_INPUT for that client, the media breaker stays closed', async () => {
    const url = system.stack.gatewayUrl;
    const results = await bounded(REQUESTS, CONCURRENCY, () => postGraphQL(url, BAD_SIZE, { s: 'huge' }));
    expect(codes(results)).toEqual({ BAD_USER_INPUT: REQUESTS });
    expect(results.every((result) => result.status === 400 && /ByteCount/.test(result.errors![0]!.message))).toBe(true);
    expect((await breakerStates(url)).media).toBe(0);
    expectCompleteCatalogue(await postGraphQL<Catalogue>(url, CATALOGUE, {}, { token: student }));
  }, 180_000);

  it('1,000 aliases named like an entity key: each refused as GRAPHQL_VALIDATION_FAILED, the courses breaker stays closed', async () => {
    const url = system.stack.gatewayUrl;
    system.clearReceived();
    const results = await bounded(REQUESTS, CONCURRENCY, () => postGraphQL(url, KEY_ALIAS));
    expect(codes(results)).toEqual({ GRAPHQL_VALIDATION_FAILED: REQUESTS });
    expect(results[0]!.errors![0]!.message).toMatch(/alias "id".*key field of Course/);
    // Refused before planning: no subgraph saw any of them.
    expect(system.allReceived()).toEqual([]);
    expect((await breakerStates(url)).courses).toBe(0);
    expectCompleteCatalogue(await postGraphQL<Catalogue>(url, CATALOGUE, {}, { token: student }));
  }, 180_000);

  it('the alias forms the planner answers wrongly or with null are refused too; the same field under its own name runs', async () => {
    const url = system.stack.gatewayUrl;
    for (const query of [
      '{ courses(first: 1) { edges { node { id: title certificatePolicy } } } }',
      '{ courses(first: 1) { edges { node { certificatePolicy id: published } } } }',
    ]) {
      const result = await postGraphQL(url, query);
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const fine = await postGraphQL<{ courses: { edges: { node: { id: string; certificatePolicy: string; courseId: string } }[] } }>(
      url,
      '{ courses(first: 1) { edges { node { id: id courseId: id certificatePolicy } } } }',
    );
    expect(fine.errors).toBeUndefined();
    expect(fine.data!.courses.edges[0]!.node.courseId).toBe(fine.data!.courses.edges[0]!.node.id);
  });

  it('a supergraph ahead of its subgraphs fails only the operations that select the missing fields, with a client error', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'supergraph-ahead-'));
    const supergraph = fs.readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
    // A root field's subgraph (courses) and an entity field's subgraph (assessments) that do not serve the new fields yet.
    const published = '  published: Boolean! @join__field(graph: COURSES)\n';
    expect(supergraph).toContain(published);
    const ahead = supergraph.replace(
      published,
      `${published}  syllabusVersion: Int @join__field(graph: COURSES)\n  certificateTemplate: String @join__field(graph: ASSESSMENTS)\n`,
    );
    const supergraphPath = path.join(directory, 'supergraph.graphql');
    fs.writeFileSync(supergraphPath, ahead);
    const gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0 }), supergraphPath });
    try {
      for (const field of ['syllabusVersion', 'certificateTemplate']) {
        const results = await bounded(50, 10, () => postGraphQL(gateway.url, `{ courses(first: 2) { edges { node { title ${field} } } } }`));
        for (const result of results) {
          expect(result.errors!.length).toBeGreaterThan(0);
          for (const error of result.errors!) expect(CLIENT_CODES).toContain(error.extensions?.code);
          expect(result.errors!.some((error) => error.message.includes(field))).toBe(true);
          expect(result.text).not.toMatch(/SUBGRAPH_UNAVAILABLE|serviceName|127\.0\.0\.1/);
        }
      }
      expect([...gateway.gateway.edge.breakers].map(([name, breaker]) => [name, breaker.state]).filter(([, state]) => state !== 'closed')).toEqual([]);
      expectCompleteCatalogue(await postGraphQL<Catalogue>(gateway.url, CATALOGUE, {}, { token: student }));
      const certificatePolicy = await postGraphQL(gateway.url, '{ courses(first: 2) { edges { node { title certificatePolicy } } } }');
      expect(certificatePolicy.errors).toBeUndefined();
    } finally {
      await gateway.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }, 120_000);

  it('a subgraph answering 4xx without a GraphQL body: a client error, never a breaker failure', async () => {
    const media = await fakeSubgraph(400, 'Bad Request', 'text/plain');
    const gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0 }), subgraphUrls: { media: media.url } });
    try {
      const results = await bounded(20, 5, () => postGraphQL(gateway.url, CATALOGUE));
      for (const result of results) {
        expect(result.errors!.length).toBeGreaterThan(0);
        for (const error of result.errors!) expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
      expect(media.requests()).toBe(20);
      expect(gateway.gateway.edge.breakers.get('media')!.state).toBe('closed');
    } finally {
      await gateway.stop();
      await media.close();
    }
  }, 180_000);

  it('a subgraph answering 5xx still opens its breaker (then it is not called until the cool-down ends)', async () => {
    const media = await fakeSubgraph(500, JSON.stringify({ errors: [{ message: 'boom' }] }));
    const settings = edgeSettings({ eventLoopLagLimitMs: 0 });
    const gateway = await startEdgeGateway(system.stack, {
      edge: { ...settings, breaker: { failures: 5, cooldownMs: 600_000 } },
      subgraphUrls: { media: media.url },
    });
    try {
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const result = await postGraphQL<Catalogue>(gateway.url, CATALOGUE);
        expect(result.errors!.every((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
      }
      expect(gateway.gateway.edge.breakers.get('media')!.state).toBe('open');
      expect(media.requests()).toBe(5);
    } finally {
      await gateway.stop();
      await media.close();
    }
  }, 180_000);
});
