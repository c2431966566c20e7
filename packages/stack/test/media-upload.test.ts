import { newId } from '@skillgraph/platform';
import { login, ok, recordTopics, type Client } from './support/learning-loop';
import { download, markScanned, pngBytes, sha256, startMediaStack, uploadThroughGateway, type MediaTestStack } from './support/media';

/** GraphQL multipart through the gateway, then the bytes back through the asset's signed URL. */
let t: MediaTestStack;
let grace: Client;
beforeAll(async () => {
  t = await startMediaStack();
  grace = await login(t.stack, 'grace@skillgraph.dev');
}, 180_000);
afterAll(async () => t?.stop());

const ASSET = `query ($id: ID!) { mediaAsset(id: $id) { id status size contentType filename url { url expiresAt } download: url(purpose: DOWNLOAD) { url } } }`;

interface AssetView {
  id: string;
  status: string;
  size: number;
  contentType: string;
  filename: string;
  url: { url: string; expiresAt: string | null } | null;
  download: { url: string } | null;
}

describe('uploadMedia through the gateway', () => {
  it('stores a PNG streamed in a multipart request and serves the same bytes through its signed url once scanned', async () => {
    const events = await recordTopics(t.stack.bus, ['media.events']);
    const bytes = await pngBytes(128, 128);
    const uploaded = ok(await uploadThroughGateway(t.stack, grace, { bytes, filename: 'diagram.png', mimetype: 'image/png', kind: 'IMAGE' })).uploadMedia;
    expect(uploaded).toMatchObject({ status: 'UPLOADED', filename: 'diagram.png', contentType: 'image/png', size: bytes.length });

    // Not served before a scan verdict, and honestly saying so.
    const waiting = ok(await grace.gql<{ mediaAsset: AssetView }>(ASSET, { id: uploaded.id })).mediaAsset;
    expect(waiting.status).toBe('UPLOADED');
    expect(waiting.url).toBeNull();

    await markScanned(t.assets, uploaded.id);
    const ready = ok(await grace.gql<{ mediaAsset: AssetView }>(ASSET, { id: uploaded.id })).mediaAsset;
    expect(ready.url?.url.startsWith(`${t.origin}/files/${uploaded.id}/`)).toBe(true);
    // Course material that is not a video: 2 h (rounded up to a 12-minute signing window).
    const lifetime = new Date(ready.url!.expiresAt!).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(2.2 * 3600_000);

    const fetched = await download(ready.url!.url);
    expect(fetched.status).toBe(200);
    expect(sha256(fetched.bytes)).toBe(sha256(bytes));
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    expect(fetched.headers.get('accept-ranges')).toBe('bytes');
    expect(fetched.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);

    const attachment = await download(ready.download!.url);
    expect(attachment.headers.get('content-disposition')).toBe(`attachment; filename="diagram.png"; filename*=UTF-8''diagram.png`);

    // MEDIA_UPLOADED (the worker's trigger) went out through the outbox, then MEDIA_CLEAN.
    const deadline = Date.now() + 10_000;
    while (events.received.filter((event) => event.key === uploaded.id).length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    await events.stop();
    expect(events.received.filter((event) => event.key === uploaded.id).map((event) => event.value.event_type)).toEqual(['MEDIA_UPLOADED', 'MEDIA_CLEAN']);
    expect(events.received.find((event) => event.key === uploaded.id)?.value).toMatchObject({
      asset_id: uploaded.id,
      owner_id: grace.id,
      status: 'UPLOADED',
      mime_type: 'image/png',
      size_bytes: bytes.length,
    });
  });

  it('streams two files of one request in order (design §9: awaiting all files first would deadlock)', async () => {
    const [first, second] = [await pngBytes(300, 300), await pngBytes(310, 310)];
    const form = new FormData();
    const query = `mutation ($a: Upload!, $b: Upload!) {
      first: uploadMedia(file: $a, input: { kind: IMAGE }) { id size filename }
      second: uploadMedia(file: $b, input: { kind: IMAGE }) { id size filename }
    }`;
    form.append('operations', JSON.stringify({ query, variables: { a: null, b: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.a'], 1: ['variables.b'] }));
    form.append('0', new Blob([first], { type: 'image/png' }), 'first.png');
    form.append('1', new Blob([second], { type: 'image/png' }), 'second.png');
    const response = await fetch(t.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${grace.token}` },
      body: form,
      signal: AbortSignal.timeout(20_000),
    });
    const body = (await response.json()) as {
      data: { first: { id: string; size: number; filename: string }; second: { id: string; size: number; filename: string } };
    };
    expect(body.data.first).toMatchObject({ size: first.length, filename: 'first.png' });
    expect(body.data.second).toMatchObject({ size: second.length, filename: 'second.png' });
    const stored = await t.assets.findById(body.data.second.id);
    expect(stored?.sha256).toBe(sha256(second));
  });

  it('refuses an upload without a signed-in user, storing nothing', async () => {
    const before = await t.assets.count();
    const response = await uploadThroughGateway(t.stack, null, { bytes: await pngBytes(), filename: 'a.png', mimetype: 'image/png', kind: 'IMAGE' });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await t.assets.count()).toBe(before);
  });

  it('answers 403 for a tampered path, expiry or signature, and for an unsigned request by someone who may not see the file', async () => {
    const bytes = await pngBytes();
    const { id } = ok(await uploadThroughGateway(t.stack, grace, { bytes, filename: 'private.png', mimetype: 'image/png', kind: 'IMAGE' })).uploadMedia;
    await markScanned(t.assets, id);
    const { url } = ok(await grace.gql<{ mediaAsset: AssetView }>(ASSET, { id })).mediaAsset.url!;
    expect((await download(url)).status).toBe(200);

    const signed = new URL(url);
    const otherPath = new URL(url);
    otherPath.pathname = `/files/${newId()}/original`;
    expect((await download(otherPath.toString())).status).toBe(403);
    const laterExpiry = new URL(url);
    laterExpiry.searchParams.set('expires', String(Number(signed.searchParams.get('expires')) + 86_400));
    expect((await download(laterExpiry.toString())).status).toBe(403);
    const badSignature = new URL(url);
    const sig = signed.searchParams.get('sig')!;
    badSignature.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    expect((await download(badSignature.toString())).status).toBe(403);
    // No signature at all: the file route asks whether the caller may see it (a student may not see
    // someone's unattached course material; its owner may).
    const unsigned = `${t.origin}/files/${id}/original`;
    expect((await download(unsigned)).status).toBe(403);
    const student = await login(t.stack, 'marie@skillgraph.dev');
    expect((await download(unsigned, { authorization: `Bearer ${student.token}` })).status).toBe(403);
    expect((await download(unsigned, { authorization: `Bearer ${grace.token}` })).status).toBe(200);
  });
});
