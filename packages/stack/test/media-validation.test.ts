import { login, ok, recordTopics, register, type Client } from './support/learning-loop';
import { exeBytes, pngBytes, startMediaStack, uploadThroughGateway, type MediaTestStack } from './support/media';

/**
 * Validation before trust: each refused file gets a coded error naming the field, and leaves no
 * asset, no blob, no stored bytes, no event and an unchanged quota behind.
 */
const IMAGE_LIMIT = 60_000;
let t: MediaTestStack;
let admin: Client;
let events: Awaited<ReturnType<typeof recordTopics>>;
beforeAll(async () => {
  t = await startMediaStack({ settings: { maxBytes: { IMAGE: IMAGE_LIMIT, DOCUMENT: 100e6, AUDIO: 500e6, VIDEO: 5 * 1024 ** 3 } } });
  admin = await login(t.stack, 'admin@skillgraph.dev');
  events = await recordTopics(t.stack.bus, ['media.events']);
}, 180_000);
afterAll(async () => {
  await events?.stop();
  await t?.stop();
});

const USAGE = '{ me { mediaUsage { bytes files quotaBytes quotaFiles } } }';
const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { asset { id status } uploadUrl method headers { name value } expiresAt } }`;

async function everything(client: Client) {
  const usage = ok(await client.gql<{ me: { mediaUsage: Record<string, number> } }>(USAGE)).me.mediaUsage;
  return {
    assets: await t.assets.count(),
    blobs: await t.blobs.count(),
    stored: [...(await t.media.storage.list('blobs/')), ...(await t.media.storage.list('incoming/')), ...(await t.media.storage.list('staging/'))],
    usage,
    events: events.received.filter((event) => event.value.owner_id === client.id).length,
  };
}

/** Runs `attempt`, expects one coded error on `field`, and proves nothing changed anywhere. */
async function refusedLeavingNothing(
  client: Client,
  attempt: () => Promise<{ errors?: { extensions?: { code?: string; field?: unknown } }[] }>,
  code: string,
  field: string,
) {
  const before = await everything(client);
  const response = await attempt();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0]!.extensions).toMatchObject({ code, field });
  // Events are published by the relay shortly after a commit: give a wrongly staged one time to show up.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await everything(client)).toEqual(before);
}

describe('refused uploads leave nothing behind', () => {
  it('an executable named .png and declared image/png', async () => {
    const marie = await register(t.stack, 'Marie Exe');
    await refusedLeavingNothing(
      marie,
      () => uploadThroughGateway(t.stack, marie, { bytes: exeBytes(), filename: 'holiday.png', mimetype: 'image/png', kind: 'IMAGE' }),
      'BAD_USER_INPUT',
      'file',
    );
  });

  it('a PDF sent as an IMAGE, and a type outside the kind allowlist', async () => {
    const ivan = await register(t.stack, 'Ivan Kinds');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(2048, 0x20)]);
    await refusedLeavingNothing(
      ivan,
      () => uploadThroughGateway(t.stack, ivan, { bytes: pdf, filename: 'notes.png', mimetype: 'image/png', kind: 'IMAGE' }),
      'BAD_USER_INPUT',
      'file',
    );
    await refusedLeavingNothing(
      ivan,
      () => uploadThroughGateway(t.stack, ivan, { bytes: pdf, filename: 'notes.svg', mimetype: 'image/svg+xml', kind: 'IMAGE' }),
      'BAD_USER_INPUT',
      'file',
    );
  });

  it('a file over the size limit of its kind, streamed or announced', async () => {
    const lina = await register(t.stack, 'Lina Large');
    const big = await pngBytes(200, 200);
    expect(big.length).toBeGreaterThan(IMAGE_LIMIT);
    await refusedLeavingNothing(
      lina,
      () => uploadThroughGateway(t.stack, lina, { bytes: big, filename: 'big.png', mimetype: 'image/png', kind: 'IMAGE' }),
      'BAD_USER_INPUT',
      'file',
    );
    await refusedLeavingNothing(
      lina,
      () => lina.gql(CREATE_UPLOAD, { input: { filename: 'big.png', contentType: 'image/png', size: IMAGE_LIMIT + 1, kind: 'IMAGE' } }),
      'BAD_USER_INPUT',
      'input.size',
    );
  });

  it('a quota overflow, streamed or announced (before any URL is issued)', async () => {
    const student = await register(t.stack, 'Quota Student');
    const small = ok(
      await admin.gql<{ setMediaQuota: { quotaBytes: number } }>('mutation ($id: ID!) { setMediaQuota(userId: $id, quotaBytes: 20000) { quotaBytes } }', {
        id: student.id,
      }),
    );
    expect(small.setMediaQuota.quotaBytes).toBe(20_000);
    const image = await pngBytes(100, 100);
    expect(image.length).toBeGreaterThan(20_000);
    expect(image.length).toBeLessThan(IMAGE_LIMIT);
    await refusedLeavingNothing(
      student,
      () => uploadThroughGateway(t.stack, student, { bytes: image, filename: 'ok.png', mimetype: 'image/png', kind: 'IMAGE' }),
      'QUOTA_EXCEEDED',
      'file',
    );
    await refusedLeavingNothing(
      student,
      () => student.gql(CREATE_UPLOAD, { input: { filename: 'ok.png', contentType: 'image/png', size: image.length, kind: 'IMAGE' } }),
      'QUOTA_EXCEEDED',
      'input.size',
    );
    // Only admins change quotas.
    expect(
      (await student.gql('mutation ($id: ID!) { setMediaQuota(userId: $id, quotaBytes: 999999999) { quotaBytes } }', { id: student.id })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('a path-traversal file name', async () => {
    const student = await register(t.stack, 'Path Student');
    for (const filename of ['../../etc/passwd.png', '..\\..\\boot.png', 'a/b.png']) {
      await refusedLeavingNothing(
        student,
        () => student.gql(CREATE_UPLOAD, { input: { filename, contentType: 'image/png', size: 1000, kind: 'IMAGE' } }),
        'BAD_USER_INPUT',
        'input.filename',
      );
    }
  });

  it('cleans control and direction-override characters out of display names', async () => {
    const student = await register(t.stack, 'Name Student');
    const uploaded = ok(
      await uploadThroughGateway(t.stack, student, { bytes: await pngBytes(), filename: 'photo\u202Egnp.exe\u200B', mimetype: 'image/png', kind: 'IMAGE' }),
    ).uploadMedia;
    expect(uploaded.filename).toBe('photognp.exe');
  });

  it('a malformed multipart request (a control character in a part header): refused, nothing stored, the gateway unharmed', async () => {
    const student = await register(t.stack, 'Malformed Student');
    await refusedLeavingNothing(
      student,
      () => uploadThroughGateway(t.stack, student, { bytes: Buffer.from('abc'), filename: 'bell\u0007.png', mimetype: 'image/png', kind: 'IMAGE' }),
      'BAD_USER_INPUT',
      'file',
    );
    expect(ok(await student.gql<{ me: { id: string } }>('{ me { id } }')).me.id).toBe(student.id);
  });

  it('sizes beyond 2^31 travel as ByteCount (a 3 GiB video announced for a multipart upload)', async () => {
    const student = await register(t.stack, 'Video Student');
    ok(await admin.gql('mutation ($id: ID!) { setMediaQuota(userId: $id, quotaBytes: 10000000000) { quotaBytes } }', { id: student.id }));
    const size = 3 * 1024 ** 3;
    const created = ok(
      await student.gql<{ createMultipartUpload: { asset: { size: number }; partCount: number; partSize: number } }>(
        'mutation ($input: CreateUploadInput!) { createMultipartUpload(input: $input) { asset { size } partCount partSize } }',
        { input: { filename: 'lecture.mp4', contentType: 'video/mp4', size, kind: 'VIDEO' } },
      ),
    ).createMultipartUpload;
    expect(created.asset.size).toBe(size);
    expect(created.partCount).toBe(Math.ceil(size / created.partSize));
    expect(ok(await student.gql<{ me: { mediaUsage: { bytes: number } } }>(USAGE)).me.mediaUsage.bytes).toBe(size);
  });
});
