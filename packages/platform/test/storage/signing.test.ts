import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createCloudFrontSigner, createUrlSigner } from '../../src/storage';

describe('HMAC URL signer', () => {
  const signer = createUrlSigner(randomBytes(32));
  const inAnHour = new Date(Date.now() + 3_600_000);
  const params = (query: string) => Object.fromEntries(new URLSearchParams(query));

  it('accepts what it signed and refuses any change to method, path, parameters, expiry or signature', () => {
    const query = signer.sign('GET', '/files/a/b', inAnHour, { purpose: 'download' });
    expect(signer.verify('GET', '/files/a/b', params(query))).toBe('valid');
    expect(signer.verify('PUT', '/files/a/b', params(query))).toBe('invalid');
    expect(signer.verify('GET', '/files/a/c', params(query))).toBe('invalid');
    expect(signer.verify('GET', '/files/a/b', { ...params(query), purpose: 'stream' })).toBe('invalid');
    expect(signer.verify('GET', '/files/a/b', { ...params(query), expires: String(Number(params(query).expires) + 3600) })).toBe('invalid');
    const sig = params(query).sig!;
    expect(signer.verify('GET', '/files/a/b', { ...params(query), sig: `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}` })).toBe('invalid');
    expect(signer.verify('GET', '/files/a/b', { ...params(query), sig: [sig, sig] })).toBe('invalid');
  });

  it('accepts only the encoding it issued: strings that decode to the same bytes are refused', () => {
    const query = signer.sign('GET', '/files/a/b', inAnHour);
    const sig = params(query).sig!;
    // A 32-byte MAC is 43 base64url characters; the last one carries 2 unused low bits, so the
    // three other characters of its group of four decode to the same bytes.
    const lastValue = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(sig.at(-1)!);
    const group = Array.from({ length: 4 }, (_, low) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(lastValue & ~3) | low]!);
    for (const last of group.filter((char) => char !== sig.at(-1))) {
      expect(signer.verify('GET', '/files/a/b', { ...params(query), sig: `${sig.slice(0, -1)}${last}` })).toBe('invalid');
    }
    // Characters outside the alphabet are skipped by the decoder, never by the verifier.
    expect(signer.verify('GET', '/files/a/b', { ...params(query), sig: `${sig.slice(0, 10)}!${sig.slice(10)}` })).toBe('invalid');
    expect(signer.verify('GET', '/files/a/b', { ...params(query), sig: `${sig}=` })).toBe('invalid');
  });

  it('answers expired for a genuine URL past its expiry', () => {
    const query = signer.sign('GET', '/files/x', new Date(Date.now() - 1_000));
    expect(signer.verify('GET', '/files/x', params(query))).toBe('expired');
  });

  it('refuses a URL signed with another secret', () => {
    const other = createUrlSigner(randomBytes(32));
    expect(signer.verify('GET', '/files/x', params(other.sign('GET', '/files/x', inAnHour)))).toBe('invalid');
  });
});

describe('CloudFront signer', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signer = createCloudFrontSigner({
    domain: 'cdn.example.test',
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  });
  // CloudFront's URL-safe base64: + = / become - _ ~.
  const fromCloudFront = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
  const verifies = (policy: string, signature: string) => createVerify('RSA-SHA1').update(policy).verify(publicKey, fromCloudFront(signature));

  it('signs one object with a canned policy the public key verifies', () => {
    const expiresAt = new Date(Date.now() + 2 * 3_600_000);
    const signed = signer.signObject('assets/a1/original', expiresAt);
    const url = new URL(signed.url);
    expect(url.origin + url.pathname).toBe('https://cdn.example.test/assets/a1/original');
    expect(url.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    const epoch = Number(url.searchParams.get('Expires'));
    expect(epoch).toBe(Math.floor(expiresAt.getTime() / 1000));
    const canned = JSON.stringify({
      Statement: [{ Resource: 'https://cdn.example.test/assets/a1/original', Condition: { DateLessThan: { 'AWS:EpochTime': epoch } } }],
    });
    expect(verifies(canned, url.searchParams.get('Signature')!)).toBe(true);
    expect(verifies(canned.replace('a1', 'a2'), url.searchParams.get('Signature')!)).toBe(false);
  });

  it('authorises a whole HLS folder once, with a wildcard custom policy (URL and cookies)', () => {
    const signed = signer.signFolder('assets/a1/hls', 'assets/a1/hls/master.m3u8', new Date(Date.now() + 4 * 3_600_000));
    const url = new URL(signed.url);
    expect(url.pathname).toBe('/assets/a1/hls/master.m3u8');
    const policy = fromCloudFront(url.searchParams.get('Policy')!).toString('utf8');
    const statement = (JSON.parse(policy) as { Statement: { Resource: string; Condition: { DateLessThan: { 'AWS:EpochTime': number } } }[] }).Statement[0]!;
    expect(statement.Resource).toBe('https://cdn.example.test/assets/a1/hls/*');
    expect(statement.Condition.DateLessThan['AWS:EpochTime']).toBe(Math.floor(signed.expiresAt.getTime() / 1000));
    expect(verifies(policy, url.searchParams.get('Signature')!)).toBe(true);
    expect(signed.cookies['CloudFront-Signature']).toBe(url.searchParams.get('Signature'));
    expect(signed.cookies['CloudFront-Key-Pair-Id']).toBe('K2JCJMDEHXQW5F');
  });
});
