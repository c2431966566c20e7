import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { newId } from '@skillgraph/platform';
import { createCloudFrontSigner, createUrlSigner } from '@skillgraph/platform/src/storage';
import { defaultMediaSettings } from '../src/config';
import type { MediaAssetRecord } from '../src/data/records';
import { createUrlService } from '../src/services/url-service';

/** URL fields in the distributed mode (CloudFront), verified with the key pair's public key. */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const cloudfront = createCloudFrontSigner({
  domain: 'media.example.test',
  keyPairId: 'KTEST',
  privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
});
const fromCloudFront = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
const verifies = (policy: string, signature: string) => createVerify('RSA-SHA1').update(policy).verify(publicKey, fromCloudFront(signature));

function asset(fields: Partial<MediaAssetRecord> = {}): MediaAssetRecord {
  const id = newId();
  return {
    _id: id,
    kind: 'VIDEO',
    purpose: 'COURSE_MATERIAL',
    filename: 'x.mp4',
    contentType: 'video/mp4',
    size: 10,
    status: 'READY',
    ownerId: newId(),
    createdAt: new Date(),
    blobKey: `originals/${id}`,
    derivedPrefix: `assets/${id}/`,
    ...fields,
  };
}

describe('URL service with CloudFront', () => {
  let now = Date.parse('2026-11-30T10:00:00Z');
  const urls = createUrlService({
    settings: defaultMediaSettings(),
    signer: createUrlSigner(randomBytes(32)),
    cloudfront,
    publicBaseUrl: () => 'http://gateway.test',
    now: () => now,
  });

  it('signs a course video for 4 h (to the end of its 24-minute window) with a canned policy the public key verifies', () => {
    const video = asset();
    const signed = urls.urlFor(video, { kind: 'original', disposition: 'inline' });
    const url = new URL(signed.url);
    expect(url.origin + url.pathname).toBe(`https://media.example.test/originals/${video._id}`);
    expect(signed.expiresAt!.toISOString()).toBe('2026-11-30T14:24:00.000Z');
    const canned = JSON.stringify({
      Statement: [
        {
          Resource: `https://media.example.test/originals/${video._id}`,
          Condition: { DateLessThan: { 'AWS:EpochTime': Number(url.searchParams.get('Expires')) } },
        },
      ],
    });
    expect(verifies(canned, url.searchParams.get('Signature')!)).toBe(true);
  });

  it('opens an HLS folder at the origin (the file route rewrites its playlists and points segments at CloudFront)', () => {
    const video = asset();
    const signed = urls.urlFor(video, { kind: 'folder', folder: `assets/${video._id}/hls/`, entryKey: `assets/${video._id}/hls/master.m3u8` });
    const url = new URL(signed.url);
    expect(url.origin + url.pathname).toBe(`http://gateway.test/files/${video._id}/d/hls/master.m3u8`);
    expect(url.searchParams.get('scope')).toBe(`/files/${video._id}/d/hls/`);
    expect(Number(url.searchParams.get('expires')) * 1000).toBe(signed.expiresAt!.getTime());
  });

  it("the folder's custom policy (what segments carry) has a wildcard resource the public key verifies", () => {
    const id = newId();
    const signed = cloudfront.signFolder(`assets/${id}/hls/`, `assets/${id}/hls/master.m3u8`, new Date(now + 3600_000));
    const url = new URL(signed.url);
    const policy = fromCloudFront(url.searchParams.get('Policy')!).toString();
    expect(JSON.parse(policy).Statement[0].Resource).toBe(`https://media.example.test/assets/${id}/hls/*`);
    expect(verifies(policy, url.searchParams.get('Signature')!)).toBe(true);
  });

  it('reuses a signature within its window and signs again in the next one', () => {
    const pdf = asset({ kind: 'DOCUMENT', contentType: 'application/pdf' });
    const first = urls.urlFor(pdf, { kind: 'original', disposition: 'inline' });
    now += 60_000;
    expect(urls.urlFor(pdf, { kind: 'original', disposition: 'inline' })).toBe(first);
    now += 12 * 60_000;
    const next = urls.urlFor(pdf, { kind: 'original', disposition: 'inline' });
    expect(next.url).not.toBe(first.url);
    expect(next.expiresAt!.getTime() - first.expiresAt!.getTime()).toBe(12 * 60_000);
  });

  it('leaves public content unsigned, with no expiry', () => {
    const cover = asset({ kind: 'IMAGE', purpose: 'COURSE_COVER' });
    expect(urls.urlFor(cover, { kind: 'original', disposition: 'inline' })).toEqual({
      url: `https://media.example.test/originals/${cover._id}`,
      expiresAt: null,
    });
  });

  it('gives a private verification document 30 minutes, and a webinar 8 hours', () => {
    const id = asset({ kind: 'DOCUMENT', purpose: 'VERIFICATION_DOCUMENT' });
    const webinar = asset({ purpose: 'WEBINAR_RECORDING' });
    const lifetime = (record: MediaAssetRecord) => urls.urlFor(record, { kind: 'original', disposition: 'inline' }).expiresAt!.getTime() - now;
    expect(lifetime(id)).toBeGreaterThan(30 * 60_000);
    expect(lifetime(id)).toBeLessThanOrEqual(33 * 60_000);
    expect(lifetime(webinar)).toBeGreaterThan(8 * 3600_000);
    expect(lifetime(webinar)).toBeLessThanOrEqual(8.8 * 3600_000);
  });
});
