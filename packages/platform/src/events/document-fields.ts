import type { Update } from '../documents/port';

/**
 * The bookkeeping the event system keeps inside aggregate documents: staged events (the outbox)
 * and the ids of events already applied (consumer idempotency). Only the helpers of this folder
 * know these field names; repositories strip them from what they return.
 */
export const OUTBOX_FIELD = '_outbox';
export const PROCESSED_FIELD = '_processed';

/** A copy of `doc` without the event system's fields, for what repositories hand out. */
export function stripEventFields<T extends object>(doc: T): T {
  if (!(OUTBOX_FIELD in doc) && !(PROCESSED_FIELD in doc)) return doc;
  const { [OUTBOX_FIELD]: _outbox, [PROCESSED_FIELD]: _processed, ...rest } = doc as Record<string, unknown>;
  return rest as T;
}

/** Combines two updates into one write; the same path changed by both is a programming error. */
export function mergeUpdates(base: Update, extra: Update): Update {
  const merged: Update = { ...base };
  for (const operator of Object.keys(extra) as (keyof Update)[]) {
    const fields = extra[operator];
    if (!fields) continue;
    const existing = merged[operator] as Record<string, unknown> | undefined;
    for (const path of Object.keys(fields)) {
      if (existing && path in existing) throw new Error(`update already has ${operator}.${path}`);
    }
    (merged as Record<string, unknown>)[operator] = { ...existing, ...fields };
  }
  return merged;
}
