import type { BackgroundTask, Logger } from '@skillgraph/platform';
import type { StagedUploadState } from '@skillgraph/platform/src/storage';
import type { MediaSettings } from '../config';
import { releaseAsset, type ReleaseDeps } from './release';
import { STAGING_PREFIX } from './upload-service';

export interface CleanupDeps extends ReleaseDeps {
  settings: MediaSettings;
  logger: Logger;
  /** Whether a staged object still belongs to an upload in progress (the upload service answers). */
  stagedUploadState: (key: string) => Promise<StagedUploadState>;
  now?: () => Date;
}

/**
 * One pass of the abandoned-upload clean-up: direct uploads whose URL expired without bytes
 * (PENDING_UPLOAD past `upload.expiresAt`) are deleted with their reservation, and multipart
 * uploads older than the configured age that no pending asset owns are aborted in storage
 * (S3's lifecycle rule does the same after a day; this covers the embedded store and MinIO).
 * Staged objects no upload awaits any more (a PUT that arrived after its confirm or abort) are
 * removed too; the bucket's `staging/` expiry rule is the backstop in S3.
 */
export async function cleanAbandonedUploads(deps: CleanupDeps): Promise<{ assets: number; multipart: number; staged: number }> {
  const now = deps.now?.() ?? new Date();
  let assets = 0;
  for (const asset of await deps.assets.findAbandonedUploads(now)) {
    if (await releaseAsset(deps, asset, now)) assets += 1;
  }
  let multipart = 0;
  const cutoff = now.getTime() - deps.settings.incompleteUploadMaxAgeMs;
  let incomplete: Awaited<ReturnType<typeof deps.storage.listIncompleteUploads>> = [];
  try {
    incomplete = await deps.storage.listIncompleteUploads();
  } catch (error) {
    deps.logger.warn({ err: error }, 'cannot list incomplete multipart uploads; relying on the bucket lifecycle rule');
  }
  for (const upload of incomplete) {
    if (upload.initiatedAt.getTime() > cutoff) continue;
    await deps.storage.abortMultipartUpload(upload.key, upload.uploadId);
    multipart += 1;
  }
  let staged = 0;
  for (const key of await deps.storage.list(STAGING_PREFIX)) {
    if ((await deps.stagedUploadState(key)) === 'awaiting') continue;
    await deps.storage.delete(key);
    staged += 1;
  }
  return { assets, multipart, staged };
}

/** Runs the clean-up every `settings.cleanupIntervalMs` beside the server. */
export function cleanupTask(deps: CleanupDeps): BackgroundTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    name: 'media.cleanup',
    start() {
      timer = setInterval(() => {
        running = cleanAbandonedUploads(deps).catch((error: unknown) => deps.logger.error({ err: error }, 'media clean-up failed'));
      }, deps.settings.cleanupIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
