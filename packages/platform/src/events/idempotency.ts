import { type Collection, DuplicateKeyError, type StoredDocument, type Update, type Filter } from '../documents/port';
import { PROCESSED_FIELD, mergeUpdates } from './document-fields';

/**
 * Consumer idempotency on the document-store port. Delivery is at least once, so a consumer must
 * make each event's effect happen once, and record that it did IN THE SAME single-document write
 * (the only atomic unit both engines share). Two rules:
 *
 * 1. The effect updates an existing document → `applyOnce`: the filter requires that this group
 *    has not recorded the event on that document, and the update records it alongside the effect.
 *    Ids live as keys (`_processed.<group>.<event_id>`), not in an array: nedb's `$ne`/`$nin` on an
 *    array match when ANY element differs, so "array does not contain" cannot be expressed the
 *    same way on both engines, while `$exists: false` on a dotted key can.
 * 2. The effect creates a document → `insertOnce`: give it an id derived from the event
 *    (`processedId(group, event_id)`, or a natural key such as `${user}:${course}`) and let the
 *    unique `_id` refuse the second insert.
 *
 * Processed ids are kept per document for its lifetime (a few bytes per event that touched it).
 */

export type ApplyResult = 'applied' | 'duplicate' | 'not-found';

export interface EventRef {
  groupId: string;
  eventId: string;
}

const SAFE_KEY = /[^A-Za-z0-9_-]/g;

function processedPath({ groupId, eventId }: EventRef): string {
  // Dots and dollars would be read as paths and operators by both engines.
  return `${PROCESSED_FIELD}.${groupId.replace(SAFE_KEY, '_')}.${eventId.replace(SAFE_KEY, '_')}`;
}

/** The id of a document an event creates, unique per consumer group and event. */
export const processedId = (groupId: string, eventId: string): string => `${groupId}:${eventId}`;

/**
 * Applies `update` to the document `id` (and `where`, if given) unless this group already applied
 * this event there. 'not-found' means no document matched `_id` and `where`.
 */
export async function applyOnce<T extends StoredDocument>(
  collection: Collection<T>,
  id: string,
  ref: EventRef,
  update: Update,
  where: Filter = {},
): Promise<ApplyResult> {
  const path = processedPath(ref);
  const applied = await collection.updateOne({ ...where, _id: id, [path]: { $exists: false } }, mergeUpdates(update, { $set: { [path]: Date.now() } }));
  if (applied) return 'applied';
  const seen = await collection.findOne({ _id: id, [path]: { $exists: true } });
  return seen ? 'duplicate' : 'not-found';
}

/** Inserts `doc` unless a document with its `_id` exists, i.e. the event was applied before. */
export async function insertOnce<T extends StoredDocument>(collection: Collection<T>, doc: T): Promise<'applied' | 'duplicate'> {
  try {
    await collection.insertOne(doc);
    return 'applied';
  } catch (error) {
    if (error instanceof DuplicateKeyError && (await collection.findOne({ _id: doc._id }))) return 'duplicate';
    throw error;
  }
}
