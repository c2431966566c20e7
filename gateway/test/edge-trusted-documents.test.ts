import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkManifest } from '../../scripts/documents';
import { documentHash, MANIFEST_FORMAT } from '../src/trusted-documents';
import { loadEdgeSettings } from '../src/config';
import { edgeSettings, startEdgeGateway } from './support/edge';
import { REPO_ROOT, startSystem, type TestSystem } from './support/system';

const TRUSTED = 'query Trusted { courses(first: 1) { edges { cursor } } }';
const OTHER = 'query Other { courses(first: 2) { edges { cursor } } }';

let system: TestSystem;
let dir: string;
let manifestPath: string;
beforeAll(async () => {
  system = await startSystem();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trusted-documents-'));
  manifestPath = path.join(dir, 'manifest.json');
  await fs.writeFile(manifestPath, JSON.stringify({ format: MANIFEST_FORMAT, documents: { [documentHash(TRUSTED)]: TRUSTED } }));
}, 180_000);
afterAll(async () => {
  await system?.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

type Answer = { status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
async function send(url: string, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}
const persisted = (document: string) => ({ persistedQuery: { version: 1, sha256Hash: documentHash(document) } });

describe('trusted documents', () => {
  it('enforce: runs the manifest operations (by text or by hash alone), refuses any other with 400 before any subgraph', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, trustedDocuments: { mode: 'enforce', manifestPath } }),
    });
    try {
      system.clearReceived();
      const byText = await send(gateway.url, { query: TRUSTED });
      expect(byText.status).toBe(200);
      expect(byText.body.errors).toBeUndefined();
      // APQ: the hash alone runs, even though this gateway never saw the text with it.
      const byHash = await send(gateway.url, { extensions: persisted(TRUSTED) });
      expect(byHash.status).toBe(200);
      expect(byHash.body.data).toEqual(byText.body.data);
      expect(system.received.courses.length).toBe(2);

      system.clearReceived();
      for (const body of [{ query: OTHER }, { query: OTHER, extensions: persisted(OTHER) }, { extensions: persisted(OTHER) }, { query: `${TRUSTED} ` }]) {
        const refused = await send(gateway.url, body);
        expect(refused.status).toBe(400);
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      }
      expect(system.allReceived()).toEqual([]);
      const metrics = await (await fetch(`${gateway.origin}/metrics`)).text();
      expect(metrics).toMatch(/gateway_limit_refusals_total\{limit="trusted_documents",service="gateway"\} 4/);
    } finally {
      await gateway.stop();
    }
  });

  it('off (the default): any operation runs, and APQ registers new hashes as before', async () => {
    expect(loadEdgeSettings({}).trustedDocuments).toEqual({ mode: 'off' });
    const gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0 }) });
    try {
      expect((await send(gateway.url, { query: OTHER })).status).toBe(200);
      expect((await send(gateway.url, { extensions: persisted(OTHER) })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await send(gateway.url, { query: OTHER, extensions: persisted(OTHER) })).status).toBe(200);
      expect((await send(gateway.url, { extensions: persisted(OTHER) })).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('settings: enforce without a manifest is refused at start-up', () => {
    expect(() => loadEdgeSettings({ TRUSTED_DOCUMENTS: 'enforce' })).toThrow(/TRUSTED_DOCUMENTS_MANIFEST: is required when TRUSTED_DOCUMENTS=enforce/);
    expect(() => loadEdgeSettings({ TRUSTED_DOCUMENTS: 'sometimes' })).toThrow(/TRUSTED_DOCUMENTS: must be off or enforce/);
  });

  it('the CI check: the shipped manifest validates against the supergraph; a stale document does not', async () => {
    expect(await checkManifest(path.join(REPO_ROOT, 'documents', 'manifest.json'))).toEqual([]);
    const stale = 'query Stale { courses(first: 1) { edges { node { noSuchField } } } }';
    const staleManifest = path.join(dir, 'stale.json');
    await fs.writeFile(
      staleManifest,
      JSON.stringify({ format: MANIFEST_FORMAT, documents: { [documentHash(stale)]: stale, [documentHash(TRUSTED)]: TRUSTED } }),
    );
    const problems = await checkManifest(staleManifest);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Stale.*noSuchField/);
  });
});
