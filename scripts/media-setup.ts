import { ConfigError, processEnv } from '@skillgraph/platform';
import { loadBucketCorsOrigins, loadStorageConfig, openS3Storage, setUpBucket } from '@skillgraph/platform/src/storage';

// Distributed mode: creates the media bucket if needed and applies its CORS rules and the
// lifecycle rules that abort incomplete multipart uploads and expire staged uploads after 1 day (docs/media.md).
async function main(): Promise<void> {
  const env = processEnv();
  const config = loadStorageConfig(env, 'media-setup');
  const origins = loadBucketCorsOrigins(env);
  if (!config.s3) throw new ConfigError('media-setup', ['S3_BUCKET: is required; embedded storage needs no setup']);
  const storage = openS3Storage(config.s3);
  const { created } = await setUpBucket(storage, origins);
  console.log(
    `${created ? 'created' : 'found'} bucket ${config.s3.bucket}; CORS for ${origins.join(', ')}; incomplete multipart uploads aborted and staged uploads expired after 1 day`,
  );
  storage.client.destroy();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
