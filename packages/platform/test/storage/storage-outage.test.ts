import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StorageUnavailableError, bucketLifecycleRules, createUrlSigner, openEmbeddedStorage, openS3Storage, storageWriteProbe } from '../../src/storage';

/** A loopback port nothing listens on: S3 there is unreachable. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('storage that cannot write', () => {
  it('S3 unreachable: put and promote fail with StorageUnavailableError (retryable for clients)', async () => {
    const storage = openS3Storage({
      bucket: 'unreachable',
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    try {
      await expect(storage.put('blobs/x', Readable.from([Buffer.from('bytes')]))).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.promote('staging/a/b', 'blobs/y')).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      storage.client.destroy();
    }
  });

  it('the write probe answers from a short cache, then notices a failure and a recovery', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-probe-'));
    try {
      const storage = await openEmbeddedStorage({ directory, signer: createUrlSigner(randomBytes(32)), publicBaseUrl: () => '' });
      let clock = 0;
      const probe = storageWriteProbe(storage, { cacheMs: 1000, now: () => clock });
      await expect(probe()).resolves.toBeUndefined();
      expect(await storage.list('health/')).toHaveLength(1);

      // As root, permissions do not stop a write: a file in place of the temporary folder does.
      await fs.rm(path.join(directory, 'tmp'), { recursive: true });
      await fs.writeFile(path.join(directory, 'tmp'), '');
      await expect(probe()).resolves.toBeUndefined(); // still the cached answer
      clock += 1000;
      await expect(probe()).rejects.toBeInstanceOf(StorageUnavailableError);

      await fs.rm(path.join(directory, 'tmp'));
      await fs.mkdir(path.join(directory, 'tmp'));
      await expect(probe()).rejects.toBeInstanceOf(StorageUnavailableError); // cached failure
      clock += 1000;
      await expect(probe()).resolves.toBeUndefined();
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });
});

describe('bucket lifecycle', () => {
  it('expires what lands under staging/ (a PUT after confirm) and aborts incomplete multipart uploads', () => {
    const rules = bucketLifecycleRules();
    expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', Filter: { Prefix: 'staging/' }, Expiration: { Days: 1 } }));
    expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }));
  });
});
