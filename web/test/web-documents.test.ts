/**
 * The web client's operations are the API's trusted documents: the generated code is current, each
 * operation validates against the committed supergraph, is exported and registered under the
 * SHA-256 of the exact text urql sends, and a gateway that runs only registered operations
 * answers the client's own code (session sign-up and refresh, authenticated and public queries).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { apiSchemaOf } from '../../schema/classify';
import { documentHash, readManifest } from '../../gateway/src/trusted-documents';
import { edgeSettings, startEdgeGateway } from '../../gateway/test/support/edge';
import { DEFAULT_PASSWORD, startSystem, uniqueEmail, type TestSystem } from '../../gateway/test/support/system';
import { clientOperationTexts } from '../../web/scripts/client-operations';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'documents', 'manifest.json');
const EXPORTED = path.join(ROOT, 'documents', 'operations', 'web');

const operations = clientOperationTexts();

describe('web client operations (static)', () => {
  it('covers the learner screens and the session', () => {
    const names = operations.map(({ name }) => name);
    for (const name of [
      'Catalogue',
      'CoursePage',
      'Enroll',
      'LessonPage',
      'RecordLessonProgress',
      'StartAttempt',
      'SubmitAttempt',
      'AttemptResult',
      'MyCertificates',
      'VerifyCertificate',
      'SignIn',
      'SignUp',
      'RefreshSession',
      'SignOut',
    ])
      expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('each validates against the supergraph', async () => {
    const schema = apiSchemaOf(await fs.readFile(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'));
    const problems = operations.flatMap(({ name, text }) => validate(schema, parse(text)).map((error) => `${name}: ${error.message}`));
    expect(problems).toEqual([]);
  });

  it('each is in the trusted-documents manifest under the SHA-256 of the text urql sends', () => {
    const { documents } = readManifest(MANIFEST);
    const missing = operations.filter(({ text }) => documents[documentHash(text)] !== text).map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  it('web/src/gql is what npm run web:codegen writes from the current operations and supergraph', async () => {
    // The client preset loads ES modules jest cannot require: the check runs as its own script.
    const outcome = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['web/scripts/check-generated.ts'], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
    expect(outcome).toEqual({ code: 0, output: expect.stringContaining('web/src/gql is current') });
  }, 120_000);

  it('documents/operations/web holds exactly the current operations (npm run web:codegen was run)', async () => {
    const files = (await fs.readdir(EXPORTED)).filter((file) => file.endsWith('.graphql')).sort();
    expect(files).toEqual(operations.map(({ name }) => `${name}.graphql`).sort());
    for (const { name, text } of operations) expect((await fs.readFile(path.join(EXPORTED, `${name}.graphql`), 'utf8')).trim()).toBe(text);
  });
});

/** A browser's localStorage for the session store, which keeps the refresh token there. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string): string | null => this.items.get(key) ?? null;
  setItem = (key: string, value: string): void => void this.items.set(key, value);
  removeItem = (key: string): void => void this.items.delete(key);
}

describe('web client against a gateway that runs only registered operations', () => {
  let system: TestSystem;
  let gateway: Awaited<ReturnType<typeof startEdgeGateway>>;
  beforeAll(async () => {
    system = await startSystem();
    gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, trustedDocuments: { mode: 'enforce', manifestPath: MANIFEST } }),
    });
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  }, 180_000);
  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('signs up, refreshes silently, and runs authenticated and public queries', async () => {
    // Imported here: the client's modules expect a browser's localStorage to exist.
    const { SessionStore } = await import('../../web/src/auth/session-store');
    const { createGraphqlClient } = await import('../../web/src/graphql-client');
    const { CatalogueDocument, MyLearningDocument, VerifyCertificateDocument } = await import('../../web/src/gql/graphql');

    const session = new SessionStore(gateway.url);
    const viewer = await session.signUp('Ada Learner', uniqueEmail('web'), DEFAULT_PASSWORD);
    expect(viewer).toMatchObject({ name: 'Ada Learner', role: 'STUDENT' });
    const firstToken = await session.currentAccessToken();
    expect(firstToken).toEqual(expect.any(String));

    const client = createGraphqlClient(session, gateway.url);
    const mine = await client.query(MyLearningDocument, {}).toPromise();
    expect(mine.error).toBeUndefined();
    expect(mine.data?.me).toMatchObject({ id: viewer.id, enrollments: { edges: [] } });

    // The refresh token is single-use: a refresh rotates it and the session goes on with the new pair.
    const storedBefore = localStorage.getItem('skillgraph.refreshToken');
    const refreshed = await session.refresh();
    expect(refreshed).toEqual(expect.any(String));
    expect(localStorage.getItem('skillgraph.refreshToken')).not.toBe(storedBefore);
    const again = await client.query(MyLearningDocument, {}).toPromise();
    expect(again.data?.me?.id).toBe(viewer.id);

    const catalogue = await client.query(CatalogueDocument, { first: 2, filter: { published: true } }).toPromise();
    expect(catalogue.error).toBeUndefined();
    expect(catalogue.data?.courses.totalCount).toEqual(expect.any(Number));
    const verification = await client.query(VerifyCertificateDocument, { certificateId: 'CERT-2026-999999' }).toPromise();
    expect(verification.error).toBeUndefined();
    expect(verification.data?.verifyCertificate).toBeNull();

    await session.signOut();
    expect(localStorage.getItem('skillgraph.refreshToken')).toBeNull();
    expect(session.snapshot().viewer).toBeNull();
  });

  it('refreshes an expiring access token before a request, and concurrent refreshes present the refresh token once', async () => {
    const { SessionStore } = await import('../../web/src/auth/session-store');
    const { createGraphqlClient } = await import('../../web/src/graphql-client');
    const { MyLearningDocument } = await import('../../web/src/gql/graphql');
    let clock = Date.now();
    const session = new SessionStore(gateway.url, () => clock);
    const viewer = await session.signUp('Ada Refresher', uniqueEmail('web'), DEFAULT_PASSWORD);
    const client = createGraphqlClient(session, gateway.url);
    expect((await client.query(MyLearningDocument, {}).toPromise()).data?.me?.id).toBe(viewer.id);

    const stored = localStorage.getItem('skillgraph.refreshToken');
    const token = session.peekAccessToken();
    clock += 60 * 60 * 1000; // an hour later for the client: its access token (15 min) has expired
    const later = await client.query(MyLearningDocument, {}).toPromise();
    expect(later.error).toBeUndefined();
    expect(later.data?.me?.id).toBe(viewer.id);
    expect(session.peekAccessToken()).not.toBe(token);
    expect(localStorage.getItem('skillgraph.refreshToken')).not.toBe(stored);
    clock = Date.now();

    // A spent refresh token presented again would end the whole session: two refreshes at once share one.
    const [first, second] = await Promise.all([session.refresh(), session.refresh()]);
    expect(first).toEqual(expect.any(String));
    expect(second).toBe(first);
    expect(await session.refresh()).toEqual(expect.any(String));
    expect(session.snapshot().viewer?.id).toBe(viewer.id);
  });

  it('refuses a document the client does not ship (the gateway really enforces)', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query NotShipped { courses(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});
