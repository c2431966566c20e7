import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createCloudFrontSigner, type CloudFrontSigner } from './cloudfront';
import type { StorageConfig } from './config';
import { openEmbeddedStorage, type EmbeddedStorage } from './embedded-storage';
import type { ObjectStorage } from './port';
import { openS3Storage } from './s3-storage';
import { createUrlSigner, type UrlSigner } from './url-signer';

export interface MediaStorage {
  storage: ObjectStorage;
  /** Set in embedded mode: the media subgraph serves its signed upload and file routes. */
  embedded: EmbeddedStorage | null;
  /** Signs embedded file and upload URLs. */
  signer: UrlSigner;
  /** Set when CloudFront serves the bucket. */
  cloudfront: CloudFrontSigner | null;
}

/** The embedded secret survives restarts (URLs already handed out stay valid) and is never logged. */
async function urlSecret(config: StorageConfig): Promise<Buffer> {
  if (config.urlSecret) return config.urlSecret;
  const file = path.join(config.directory, 'url-secret');
  try {
    return Buffer.from(await fs.readFile(file, 'utf8'), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(config.directory, { recursive: true });
  const secret = randomBytes(32);
  await fs.writeFile(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return Buffer.from(await fs.readFile(file, 'utf8'), 'base64');
}

/** Opens the storage the configuration names; `publicBaseUrl` is the origin clients reach (the gateway). */
export async function openMediaStorage(config: StorageConfig, publicBaseUrl: () => string): Promise<MediaStorage> {
  const signer = createUrlSigner(await urlSecret(config));
  const cloudfront = config.cloudfront ? createCloudFrontSigner(config.cloudfront) : null;
  if (config.s3) {
    return { storage: openS3Storage(config.s3), embedded: null, signer, cloudfront };
  }
  const embedded = await openEmbeddedStorage({ directory: config.directory, signer, publicBaseUrl });
  return { storage: embedded, embedded, signer, cloudfront };
}
