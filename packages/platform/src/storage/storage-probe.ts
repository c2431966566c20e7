import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ObjectStorage } from './port';

export interface StorageProbeOptions {
  /** How long one answer stands; readiness is polled, so this bounds the writes the probe makes. Default 5 s. */
  cacheMs?: number;
  now?: () => number;
}

/**
 * A readiness check that the object storage takes writes: one tiny object under `health/`, written
 * at most once per `cacheMs` (concurrent callers share the write in flight), so `/ready` answers
 * 503 while the disk is full or read-only, or S3 refuses writes, and 200 again once it recovers.
 * Reads alone would not notice a store that can serve but not store.
 */
export function storageWriteProbe(storage: ObjectStorage, options: StorageProbeOptions = {}): () => Promise<void> {
  const cacheMs = options.cacheMs ?? 5_000;
  const now = options.now ?? Date.now;
  // One key per process: instances never race on it, and rewriting it keeps the store from growing.
  const key = `health/write-probe-${randomBytes(8).toString('hex')}`;
  let last: { at: number; outcome: Promise<void> } | undefined;
  return () => {
    if (!last || now() - last.at >= cacheMs) {
      const outcome = storage.put(key, Readable.from([Buffer.from('ok')]), { contentType: 'text/plain' }).then(() => undefined);
      // Rejections are handled by whoever awaits this answer; never an unhandled one while cached.
      outcome.catch(() => undefined);
      last = { at: now(), outcome };
    }
    return last.outcome;
  };
}
