import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@skillgraph/platform';
import type { ObjectStorage } from '@skillgraph/platform/src/storage';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import { MAX_RECORDED_TEXT, type MediaAssetRecord, type MediaRenditions } from '../data/records';
import { permanentFailure, processFile, transientFailure, type ProcessingResult, type VirusScanner } from '../processing';
import { downloadObject, freshDirectory, moveObject, uploadDirectory } from './local-files';
import type { WorkerConfig } from './config';

/** What each step needs; built once per worker. */
export interface StepDeps {
  assets: MediaAssetRepository;
  storage: ObjectStorage;
  scanner: VirusScanner | null;
  config: WorkerConfig;
  logger: Logger;
}

export const QUARANTINE_PREFIX = 'quarantine/';
export const NOT_SCANNED_REASON = 'Not scanned: no virus scanner is configured.';

export const quarantineKeyOf = (blobKey: string): string => (blobKey.startsWith(QUARANTINE_PREFIX) ? blobKey : `${QUARANTINE_PREFIX}${blobKey}`);
export const derivedPrefixOf = (asset: MediaAssetRecord): string => `${(asset.derivedPrefix ?? `assets/${asset._id}`).replace(/\/+$/, '')}/`;

/** The original's bytes in `dir/original`; a quarantined copy counts (a scan retried after the move). */
async function fetchOriginal(deps: StepDeps, asset: MediaAssetRecord, dir: string): Promise<{ file: string; key: string }> {
  if (!asset.blobKey) throw permanentFailure('The file was never stored.', `asset ${asset._id} has no blobKey`);
  const file = join(dir, 'original');
  for (const key of [asset.blobKey, quarantineKeyOf(asset.blobKey)]) {
    if (await downloadObject(deps.storage, key, file)) return { file, key };
  }
  throw transientFailure('The stored file could not be read.', `no object at ${asset.blobKey}`);
}

/**
 * SCANNING → CLEAN | INFECTED. The verdict is written with the transition (one write), so a scan
 * is done exactly when the status says so. Infected bytes move under `quarantine/` before the
 * verdict is written: a crash in between leaves an asset still SCANNING whose retry finds the
 * quarantined copy and reaches the same verdict. Without a scanner the verdict is NOT_SCANNED.
 */
export async function scanStep(deps: StepDeps, asset: MediaAssetRecord, workDir: string): Promise<MediaAssetRecord | null> {
  const at = new Date();
  if (!deps.scanner) {
    return deps.assets.transition(asset._id, ['SCANNING'], 'CLEAN', { scan: { verdict: 'NOT_SCANNED', at } }, { reason: NOT_SCANNED_REASON });
  }
  const dir = await freshDirectory(join(workDir, 'scan'));
  const original = await fetchOriginal(deps, asset, dir);
  const verdict = await deps.scanner.scanFile(original.file);
  if (verdict.verdict === 'CLEAN') {
    return deps.assets.transition(asset._id, ['SCANNING'], 'CLEAN', { scan: { verdict: 'CLEAN', at } });
  }
  const quarantined = quarantineKeyOf(original.key);
  if (original.key !== quarantined) await moveObject(deps.storage, original.key, quarantined);
  const reason = `Malware was found in the file (${verdict.signature}); it has been quarantined and will never be served.`;
  deps.logger.warn({ assetId: asset._id, signature: verdict.signature, key: quarantined }, 'media asset infected, quarantined');
  return deps.assets.transition(
    asset._id,
    ['SCANNING'],
    'INFECTED',
    { scan: { verdict: 'INFECTED', at, detail: verdict.signature }, blobKey: quarantined, failureReason: reason },
    { reason },
  );
}

/**
 * PROCESSING → READY. Outputs go to deterministic keys under the asset's derived prefix, and the
 * renditions are written with the READY transition (one write): a run killed half-way leaves the
 * asset PROCESSING with no renditions recorded, and the next run overwrites the same keys.
 */
export async function processStep(deps: StepDeps, asset: MediaAssetRecord, workDir: string, signal: AbortSignal): Promise<MediaAssetRecord | null> {
  const dir = await freshDirectory(join(workDir, 'process'));
  const { file } = await fetchOriginal(deps, asset, dir);
  const outDir = join(dir, 'out');
  let lastProgress = 0;
  let lastWrite = 0;
  const onProgress = (percent: number) => {
    // A write per 5 % and at most every 500 ms: enough for a progress bar, cheap for the store.
    if (percent < 100 && (percent - lastProgress < 5 || Date.now() - lastWrite < 500)) return;
    lastProgress = percent;
    lastWrite = Date.now();
    void deps.assets.updateDerivatives(asset._id, { progress: Math.min(99, percent) }).catch(() => undefined);
  };
  const result = await processFile(
    asset.kind,
    asset.contentType,
    file,
    outDir,
    {
      image: { widths: deps.config.thumbnailWidths },
      video: { timeoutMs: deps.config.toolTimeoutMs },
      document: { timeoutMs: deps.config.toolTimeoutMs },
      limits: deps.config.limits,
    },
    { onProgress, signal },
  );
  const prefix = derivedPrefixOf(asset);
  // Text-only processors (DOCX, PPTX) write no files, so the folder may not exist yet.
  await mkdir(outDir, { recursive: true });
  if (result.text !== undefined) await writeFile(join(outDir, 'text.txt'), result.text);
  await uploadDirectory(deps.storage, outDir, prefix);
  // The text is also kept on the record (capped), where `myMedia` can search it and `text` read it without a storage trip.
  const text = result.text !== undefined ? { text: result.text.slice(0, MAX_RECORDED_TEXT) } : {};
  return deps.assets.transition(asset._id, ['PROCESSING'], 'READY', { progress: 100, renditions: renditionsOf(result, prefix), ...text });
}

/** The record's view of a processing result: storage keys and the measured facts. */
export function renditionsOf(result: ProcessingResult, prefix: string): MediaRenditions {
  const renditions: MediaRenditions = {};
  const thumbnails = result.renditions.filter((r) => r.role === 'THUMBNAIL');
  if (thumbnails.length)
    renditions.thumbnails = thumbnails.map((r) => ({
      width: r.width ?? 0,
      ...(r.height ? { height: r.height } : {}),
      key: `${prefix}${r.path}`,
      contentType: r.contentType,
    }));
  const master = result.renditions.find((r) => r.role === 'HLS_MASTER');
  if (master) renditions.hls = { folder: `${prefix}hls/`, masterKey: `${prefix}${master.path}` };
  // A video's poster and a PDF's first-page preview play the same part: the still that stands for the file.
  const still = result.renditions.find((r) => r.role === 'POSTER' || r.role === 'PREVIEW');
  if (still) renditions.posterKey = `${prefix}${still.path}`;
  if (result.text !== undefined) renditions.textKey = `${prefix}text.txt`;
  const { pageCount, durationSeconds, width, height } = result.metadata;
  Object.assign(
    renditions,
    pageCount !== undefined ? { pageCount } : {},
    durationSeconds !== undefined ? { durationSeconds } : {},
    width ? { width } : {},
    height ? { height } : {},
  );
  return renditions;
}
