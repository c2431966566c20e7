import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadWorkerConfig } from '@skillgraph/media/src/worker/config';
import { eventually, login, ok, register, type Client } from '../../packages/stack/test/support/learning-loop';
import { download, pngBytes, sha256, startMediaStack, uploadThroughGateway, type MediaTestStack } from '../../packages/stack/test/support/media';
import { ensureClamd } from '../../subgraphs/media/test/processing/support/clamd';
import { EICAR } from '../../subgraphs/media/test/processing/support/fixtures';

/**
 * Hardening regressions for direct uploads, through the real stack: gateway, media subgraph with
 * its embedded signed upload route, the media worker scanning with clamd.
 */
const MiB = 1024 * 1024;
const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { asset { id } uploadUrl headers { name value } } }`;
const CONFIRM = `mutation ($id: ID!) { confirmUpload(assetId: $id) { id status } }`;
const ABORT = `mutation ($id: ID!) { abortUpload(assetId: $id) }`;
const CREATE_MULTIPART = `mutation ($input: CreateUploadInput!) { createMultipartUpload(input: $input) { asset { id } partCount parts { partNumber url } } }`;
const COMPLETE = `mutation ($id: ID!, $parts: [CompletedPartInput!]!) { completeMultipartUpload(assetId: $id, parts: $parts) { id status } }`;
const ASSET = `query ($id: ID!) { mediaAsset(id: $id) { id status scanVerdict failureReason url { url } } }`;
const USAGE = '{ me { mediaUsage { bytes files } } }';

interface Created {
  asset: { id: string };
  uploadUrl: string;
  headers: { name: string; value: string }[];
}
interface AssetView {
  id: string;
  status: string;
  scanVerdict: string | null;
  failureReason: string | null;
  url: { url: string } | null;
}

let t: MediaTestStack;
let grace: Client;
let mallory: Client;

beforeAll(async () => {
  const clamd = ensureClamd();
  t = await startMediaStack({
    stack: {
      mediaWorker: loadWorkerConfig({
        MEDIA_WORKER_TMP_DIR: path.join(process.cwd(), 'node_modules', '.cache', `uploads-security-${process.pid}`),
        CLAMAV_HOST: clamd.host,
        CLAMAV_PORT: String(clamd.port),
      }),
    },
  });
  grace = await login(t.stack, 'grace@skillgraph.dev');
  mallory = await register(t.stack, 'Mallory');
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await fs.rm(path.join(process.cwd(), 'node_modules', '.cache', `uploads-security-${process.pid}`), { recursive: true, force: true });
});

const createUpload = async (client: Client, input: { size: number; sha256?: string; filename?: string }) =>
  ok(
    await client.gql<{ createUpload: Created }>(CREATE_UPLOAD, {
      input: { filename: input.filename ?? 'picture.png', contentType: 'image/png', kind: 'IMAGE', ...input },
    }),
  ).createUpload;
const put = (created: Created, body: Buffer) =>
  fetch(created.uploadUrl, { method: 'PUT', headers: Object.fromEntries(created.headers.map((h) => [h.name, h.value])), body });
const view = async (client: Client, id: string) => ok(await client.gql<{ mediaAsset: AssetView }>(ASSET, { id })).mediaAsset;
const usage = async (client: Client) => ok(await client.gql<{ me: { mediaUsage: { bytes: number; files: number } } }>(USAGE)).me.mediaUsage;
/** Waits for the worker's clamd verdict; the asset must be CLEAN and servable. */
const scannedClean = (client: Client, id: string) =>
  eventually(
    `asset ${id} scanned`,
    async () => {
      const asset = await view(client, id);
      if (asset.scanVerdict === 'INFECTED' || asset.status === 'FAILED') throw new Error(`asset ${id} ended ${asset.status} ${asset.scanVerdict}`);
      return asset.scanVerdict === 'CLEAN' && asset.url ? asset : undefined;
    },
    60_000,
  );
/** Uploads `bytes` through a presigned PUT and confirms; returns the request (its URL stays in the attacker's hands). */
async function uploadAndConfirm(client: Client, bytes: Buffer): Promise<Created> {
  const created = await createUpload(client, { size: bytes.length });
  expect((await put(created, bytes)).status).toBe(200);
  expect(ok(await client.gql<{ confirmUpload: { status: string } }>(CONFIRM, { id: created.asset.id })).confirmUpload.status).toBe('UPLOADED');
  return created;
}
const stagedFiles = async (assetId: string) => (await t.media.storage.list(`staging/${assetId}/`)).length;

describe('case 1: a presigned upload URL is single-use', () => {
  jest.setTimeout(120_000);

  it('a PUT after confirm is refused with 409 and the CLEAN bytes keep being served', async () => {
    const png = await pngBytes(80, 80);
    const created = await createUpload(grace, { size: png.length });
    expect((await put(created, png)).status).toBe(200);
    // Replaying the same PUT before confirm only rewrites the upload's own staging object.
    expect((await put(created, png)).status).toBe(200);
    expect(ok(await grace.gql<{ confirmUpload: { status: string } }>(CONFIRM, { id: created.asset.id })).confirmUpload.status).toBe('UPLOADED');
    const clean = await scannedClean(grace, created.asset.id);

    const infected = Buffer.concat([png, Buffer.from(EICAR)]);
    const late = await put(created, infected);
    expect(late.status).toBe(409);
    const sameSize = await put(created, Buffer.concat([png.subarray(0, png.length - EICAR.length), Buffer.from(EICAR)]));
    expect(sameSize.status).toBe(409);

    const served = await download(clean.url!.url);
    expect(served.status).toBe(200);
    expect(sha256(served.bytes)).toBe(sha256(png));
    expect(await view(grace, created.asset.id)).toMatchObject({ scanVerdict: 'CLEAN' });
    // Nothing the refused PUTs sent was kept.
    expect(await stagedFiles(created.asset.id)).toBe(0);
  });

  it("another user's late PUT cannot change the bytes of an asset sharing its blob", async () => {
    const png = await pngBytes(72, 72);
    // Mallory stores the bytes first (her upload's bytes become the shared blob), then Grace uploads the same file.
    const mallorys = await uploadAndConfirm(mallory, png);
    const graces = await uploadAndConfirm(grace, png);
    const clean = await scannedClean(grace, graces.asset.id);

    expect((await put(mallorys, Buffer.concat([png, Buffer.from(EICAR)]))).status).toBe(409);
    expect(sha256((await download(clean.url!.url)).bytes)).toBe(sha256(png));
    const record = await t.assets.findById(graces.asset.id);
    expect(record?.blobKey).toBe(`blobs/${sha256(png)}`);
  });

  it('a part PUT after completeMultipartUpload is refused with 409 and the served bytes stay', async () => {
    const png = await pngBytes(60, 60);
    const created = ok(
      await grace.gql<{ createMultipartUpload: { asset: { id: string }; partCount: number; parts: { partNumber: number; url: string }[] } }>(CREATE_MULTIPART, {
        input: { filename: 'parts.png', contentType: 'image/png', kind: 'IMAGE', size: png.length },
      }),
    ).createMultipartUpload;
    expect(created.partCount).toBe(1);
    const sent = await fetch(created.parts[0]!.url, { method: 'PUT', body: png });
    expect(sent.status).toBe(200);
    const parts = [{ partNumber: 1, etag: sent.headers.get('etag')! }];
    ok(await grace.gql(COMPLETE, { id: created.asset.id, parts }));
    const clean = await scannedClean(grace, created.asset.id);

    const late = await fetch(created.parts[0]!.url, { method: 'PUT', body: Buffer.concat([png.subarray(0, png.length - EICAR.length), Buffer.from(EICAR)]) });
    expect(late.status).toBe(409);
    expect(sha256((await download(clean.url!.url)).bytes)).toBe(sha256(png));
  });

  it('confirming the same upload many times at once uploads it once and counts it once', async () => {
    const png = await pngBytes(48, 48);
    const before = await usage(grace);
    const created = await createUpload(grace, { size: png.length });
    expect((await put(created, png)).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 5 }, () => grace.gql<{ confirmUpload: { status: string } }>(CONFIRM, { id: created.asset.id })));
    expect(results.filter((result) => result.data?.confirmUpload?.status === 'UPLOADED')).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    await scannedClean(grace, created.asset.id);
    expect(await usage(grace)).toEqual({ bytes: before.bytes + png.length, files: before.files + 1 });
    expect((await t.blobs.findBySha256(sha256(png)))?.references).toBe(1);
  });

  it('a PUT after abort is refused with 410 and stores nothing', async () => {
    const png = await pngBytes(40, 40);
    const created = await createUpload(grace, { size: png.length });
    expect(ok(await grace.gql<{ abortUpload: boolean }>(ABORT, { id: created.asset.id })).abortUpload).toBe(true);
    expect((await put(created, png)).status).toBe(410);
    expect(await stagedFiles(created.asset.id)).toBe(0);
  });

  it('announcing 1 byte and sending 50 MB is refused with 413; at most the announced size is stored, the quota is unchanged', async () => {
    const before = await usage(grace);
    const created = await createUpload(grace, { size: 1 });
    const reserved = await usage(grace);
    expect(reserved).toEqual({ bytes: before.bytes + 1, files: before.files + 1 });
    const big = Buffer.alloc(50 * MiB, 7);

    // With an honest Content-Length the body is refused before it is read.
    const declared = await fetch(created.uploadUrl, { method: 'PUT', body: big });
    expect(declared.status).toBe(413);
    // Without one (chunked), reading stops at the first byte past the announced size.
    const chunks = (function* () {
      for (let sent = 0; sent < 50 * MiB; sent += MiB) yield big.subarray(sent, sent + MiB);
    })();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    const chunked = await fetch(created.uploadUrl, { method: 'PUT', body: stream, duplex: 'half' } as RequestInit).catch((error: unknown) => error);
    // The connection closes once the answer is out, so the client may see the reset before the 413.
    if (chunked instanceof Response) expect(chunked.status).toBe(413);
    else expect(String((chunked as Error & { cause?: unknown }).cause ?? chunked)).toMatch(/socket|closed|reset|terminated|EPIPE/i);

    // Nothing beyond announced + 1 bytes anywhere in the store (objects, temporary files, parts).
    const sizes: number[] = [];
    async function walk(dir: string): Promise<void> {
      for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (!full.includes(`${path.sep}objects${path.sep}blobs${path.sep}`)) sizes.push((await fs.stat(full)).size);
      }
    }
    await walk(path.join(t.directory, 'tmp'));
    await walk(path.join(t.directory, 'multipart'));
    await walk(path.join(t.directory, 'objects', 'staging'));
    expect(sizes.filter((size) => size > 2)).toEqual([]);
    expect(await usage(grace)).toEqual(reserved);
  });

  it('bytes that do not match the announced SHA-256 are refused at confirm', async () => {
    const announced = await pngBytes(50, 50);
    const other = await pngBytes(50, 50);
    const sent = Buffer.concat([other, Buffer.alloc(Math.max(0, announced.length - other.length))]).subarray(0, announced.length);
    const created = await createUpload(grace, { size: announced.length, sha256: sha256(announced) });
    expect((await put(created, sent)).status).toBe(200);
    const refused = await grace.gql(CONFIRM, { id: created.asset.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assetId' });
    expect(refused.errors?.[0]?.message).toMatch(/SHA-256/);
    expect(await view(grace, created.asset.id)).toMatchObject({ status: 'FAILED', url: null });

    // A malformed hash is refused when announced.
    const malformed = await grace.gql(CREATE_UPLOAD, { input: { filename: 'x.png', contentType: 'image/png', kind: 'IMAGE', size: 10, sha256: 'abc' } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sha256' });
  });
});

describe('case 9: ranges past the end and storage outages', () => {
  jest.setTimeout(120_000);
  const mediaReady = async () => (await fetch(t.stack.subgraphUrls.media.replace(/\/graphql$/, '/ready'))).status;

  it('Range: bytes=N- past the end is 416', async () => {
    const png = await pngBytes(30, 30);
    const created = await uploadAndConfirm(grace, png);
    const { url } = await scannedClean(grace, created.asset.id);
    const past = await fetch(url!.url, { headers: { range: `bytes=${png.length + 10}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${png.length}`);
    const inside = await fetch(url!.url, { headers: { range: `bytes=${png.length - 5}-` } });
    expect(inside.status).toBe(206);
    expect(Buffer.from(await inside.arrayBuffer())).toEqual(png.subarray(png.length - 5));
  });

  it('a store that cannot write answers SERVICE_UNAVAILABLE (retryable) and /ready 503, then recovers', async () => {
    expect(await mediaReady()).toBe(200);
    const png = await pngBytes(20, 20);
    // As root, permissions do not stop a write: a file in place of the temporary folder does.
    const tmp = path.join(t.directory, 'tmp');
    await fs.rm(tmp, { recursive: true, force: true });
    await fs.writeFile(tmp, 'not a folder');
    try {
      const failed = await uploadThroughGateway(t.stack, grace, { bytes: png, filename: 'a.png', mimetype: 'image/png', kind: 'IMAGE' });
      expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      // The probe's answer is cached for a few seconds: wait for it to notice.
      await eventually('media unready', async () => (await mediaReady()) === 503, 30_000);
    } finally {
      await fs.rm(tmp, { force: true });
      await fs.mkdir(tmp);
    }
    await eventually('media ready again', async () => (await mediaReady()) === 200, 30_000);
    const saved = ok(await uploadThroughGateway(t.stack, grace, { bytes: png, filename: 'a.png', mimetype: 'image/png', kind: 'IMAGE' }));
    expect(saved.uploadMedia.status).toBe('UPLOADED');
  });
});
