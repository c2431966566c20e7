import DataLoader from 'dataloader';
import type { StoredDocument } from './documents/port';

/**
 * A per-request loader by `_id` over one batched query: every id asked for in one tick becomes one
 * `findByIds` call, and each id gets its record or null (the query returns them in any order).
 */
export function loaderById<T extends StoredDocument>(findByIds: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await findByIds(ids)).map((record) => [record._id, record]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Groups records by a key (records without one are left out), keeping their order within each group. */
export function groupBy<T>(records: readonly T[], keyOf: (record: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
}
