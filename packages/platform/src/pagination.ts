import type { Collection, Filter, StoredDocument } from './documents/port';
import { badUserInput } from './errors';
import { isId } from './ids';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const encodeCursor = (id: string): string => Buffer.from(`id:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith('id:') ? decoded.slice(3) : '';
  if (!isId(id)) throw badUserInput('after is not a cursor this API returned.', 'after');
  return id;
}

/** Checks `first` and `after` before any query runs; returns the page size and the last seen id. */
export function parsePageArgs({ first, after }: PageArgs, defaultSize = 20): { size: number; afterId?: string } {
  const size = first ?? defaultSize;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return after ? { size, afterId: decodeCursor(after) } : { size };
}

/**
 * Keyset pagination in creation order. Ids are time-ordered (see ids.ts), so `_id > after` is
 * stable under inserts, unlike skip/offset paging.
 */
export async function paginate<T extends StoredDocument, N>(
  collection: Collection<T>,
  filter: Filter,
  args: PageArgs,
  toNode: (doc: T) => N,
): Promise<Connection<N>> {
  const { size, afterId } = parsePageArgs(args);
  const pageFilter = afterId ? { $and: [filter, { _id: { $gt: afterId } }] } : filter;
  const [docs, totalCount] = await Promise.all([
    size === 0 ? Promise.resolve([]) : collection.find(pageFilter, { sort: { _id: 1 }, limit: size + 1 }),
    collection.count(filter),
  ]);
  const page = docs.slice(0, size);
  const edges = page.map((doc) => ({ cursor: encodeCursor(doc._id), node: toNode(doc) }));
  return {
    edges,
    pageInfo: { hasNextPage: docs.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
