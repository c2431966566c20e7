import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  type CORSRule,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import type { S3Storage } from './s3-storage';

/**
 * What the distributed mode needs from its bucket (scripts/media-setup.ts applies it):
 *  - CORS so browsers can PUT presigned parts from the web app and read each part's ETag;
 *  - a lifecycle rule aborting incomplete multipart uploads after 1 day (parts of an abandoned
 *    upload are billed until aborted), besides the media subgraph's own clean-up job;
 *  - a lifecycle rule expiring objects under `staging/` after 1 day: direct uploads land there
 *    before confirm moves them to `blobs/<sha256>`, so a PUT after confirm only leaves garbage there.
 */
export function bucketCorsRules(origins: string[]): CORSRule[] {
  return [
    {
      AllowedOrigins: origins,
      AllowedMethods: ['PUT', 'GET', 'HEAD'],
      AllowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 3600,
    },
  ];
}

export const ABORT_INCOMPLETE_UPLOADS_RULE: LifecycleRule = {
  ID: 'abort-incomplete-multipart-uploads',
  Status: 'Enabled',
  Filter: { Prefix: '' },
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
};

/** Where direct uploads land before they are checked; nothing there lives longer than a day (a late PUT after confirm only leaves garbage here). */
export const STAGING_PREFIX = 'staging/';

export const EXPIRE_STAGING_RULE: LifecycleRule = {
  ID: 'expire-staged-uploads',
  Status: 'Enabled',
  Filter: { Prefix: STAGING_PREFIX },
  Expiration: { Days: 1 },
};

/** Every lifecycle rule the bucket gets (applied together: S3 replaces the whole configuration). */
export const bucketLifecycleRules = (): LifecycleRule[] => [ABORT_INCOMPLETE_UPLOADS_RULE, EXPIRE_STAGING_RULE];

/** Creates the bucket when missing, then applies CORS and the lifecycle rule; safe to run again. */
export async function setUpBucket(storage: S3Storage, origins: string[]): Promise<{ created: boolean }> {
  let created = false;
  try {
    await storage.client.send(new HeadBucketCommand({ Bucket: storage.bucket }));
  } catch {
    await storage.client.send(new CreateBucketCommand({ Bucket: storage.bucket }));
    created = true;
  }
  await storage.client.send(new PutBucketCorsCommand({ Bucket: storage.bucket, CORSConfiguration: { CORSRules: bucketCorsRules(origins) } }));
  await storage.client.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: storage.bucket,
      LifecycleConfiguration: { Rules: bucketLifecycleRules() },
    }),
  );
  return { created };
}
