import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import {
  createUrlSigner,
  embeddedUploadHandler,
  openEmbeddedStorage,
  openS3Storage,
  type ObjectStorage,
  type StagedUploadState,
  type UrlSigner,
} from '../../src/storage';

/**
 * Real storage for tests: the embedded adapter over a temporary folder with its signed upload
 * route on a loopback server, or the S3 adapter against s3rver on 127.0.0.1 (which checks expiry
 * but not signatures; our own signatures are tested against our own verification).
 */
export interface TestStorage {
  storage: ObjectStorage;
  signer: UrlSigner;
  stop(): Promise<void>;
}

export const TEST_BUCKET = 'skillgraph-media';

/** `uploadState` answers the upload route's question; by default every upload is still awaited. */
export async function startEmbeddedTestStorage(uploadState: (key: string) => Promise<StagedUploadState> = async () => 'awaiting'): Promise<TestStorage> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-storage-'));
  const signer = createUrlSigner(randomBytes(32));
  let base = '';
  const storage = await openEmbeddedStorage({ directory, signer, publicBaseUrl: () => base });
  const server = http.createServer((req, res) => void embeddedUploadHandler(storage, signer, { uploadState })(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    storage,
    signer,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

export interface S3TestServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** s3rver on a free loopback port with one empty bucket. */
export async function startS3rver(bucket = TEST_BUCKET): Promise<S3TestServer> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

export async function startS3TestStorage(): Promise<TestStorage> {
  const s3 = await startS3rver();
  const storage = openS3Storage({
    bucket: TEST_BUCKET,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    partSizeBytes: 5 * 1024 * 1024,
  });
  return {
    storage,
    signer: createUrlSigner(randomBytes(32)),
    async stop() {
      storage.client.destroy();
      await s3.stop();
    },
  };
}
