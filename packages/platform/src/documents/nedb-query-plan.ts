import type Datastore from '@seald-io/nedb';
import type { Filter, FindOptions } from './port';

/**
 * Query shapes nedb's own planner handles poorly, answered with the same results at a fraction of
 * the cost. nedb picks candidates from an index only for top-level fields, takes an equality index
 * over a range on `_id`, and sorts every match before applying `limit`; so a keyset page ("the next
 * 10 after this id, oldest first") scanned, matched and sorted the whole collection per request.
 */

// nedb's matching, copying and index internals (no typings ship for them; the contract suite pins
// every result these paths give against MongoDB's).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require('@seald-io/nedb/lib/model') as {
  match(doc: unknown, query: Filter): boolean;
  deepCopy<T>(doc: T): T;
  compareThings(a: unknown, b: unknown): number;
  getDotValue(doc: unknown, field: string): unknown;
};

type Doc = Record<string, unknown>;

/** A node of the AVL tree behind a nedb index (`index.tree.tree`): a key, its documents, two children. */
interface TreeNode {
  key?: unknown;
  data: Doc[];
  left?: TreeNode | null;
  right?: TreeNode | null;
}

interface NedbIndex {
  getMatching(value: unknown): Doc[];
  tree: { tree: TreeNode };
}

const indexesOf = (datastore: Datastore): Record<string, NedbIndex> => (datastore as unknown as { indexes: Record<string, NedbIndex> }).indexes;
const rawCandidates = (datastore: Datastore, query: Filter): unknown[] =>
  (datastore as unknown as { _getRawCandidates(query: Filter): unknown[] })._getRawCandidates(query);

/**
 * `{ $and: [{ a: 1 }, { b: { $gt: 2 } }] }` → `{ a: 1, b: { $gt: 2 } }`, so nedb sees the fields
 * and can use their indexes. A field (or operator such as `$or`) met twice stays under `$and`.
 * The result selects exactly the same documents.
 */
export function flattenConjunction(filter: Filter): Filter {
  const parts = filter.$and;
  if (!Array.isArray(parts) || Object.keys(filter).length !== 1) return filter;
  const merged: Filter = {};
  const rest: Filter[] = [];
  for (const part of parts as Filter[]) {
    for (const [field, condition] of Object.entries(flattenConjunction(part))) {
      if (field === '$and' || field in merged) rest.push({ [field]: condition });
      else merged[field] = condition;
    }
  }
  if (rest.length > 0) merged.$and = rest;
  return merged;
}

interface Bound {
  value: unknown;
  inclusive: boolean;
}

/** Where an `_id` condition starts the walk: `$gt`/`$gte` going up, `$lt`/`$lte` going down. */
function boundOf(condition: unknown, descending: boolean): Bound | undefined {
  if (typeof condition !== 'object' || condition === null || condition instanceof RegExp) return undefined;
  const range = condition as Record<string, unknown>;
  const [strict, loose] = descending ? ['$lt', '$lte'] : ['$gt', '$gte'];
  if (range[strict] !== undefined) return { value: range[strict], inclusive: false };
  if (range[loose] !== undefined) return { value: range[loose], inclusive: true };
  return undefined;
}

/**
 * The index's documents in key order (or reverse), starting at `from`, one node at a time: the
 * walk costs the tree's height plus the nodes actually visited, so stopping early is cheap.
 */
function* walk(root: TreeNode, from: Bound | undefined, descending: boolean): Generator<Doc> {
  if (!Object.prototype.hasOwnProperty.call(root, 'key')) return; // an empty tree
  const [near, far] = descending ? (['right', 'left'] as const) : (['left', 'right'] as const);
  const inRange = (key: unknown): boolean => {
    if (!from) return true;
    const order = model.compareThings(key, from.value) * (descending ? -1 : 1);
    return order > 0 || (order === 0 && from.inclusive);
  };
  const stack: TreeNode[] = [];
  for (let node: TreeNode | null | undefined = root; node;) {
    if (inRange(node.key)) {
      stack.push(node);
      node = node[near];
    } else node = node[far];
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield* node.data;
    for (let child = node[far]; child; child = child[near]) stack.push(child);
  }
}

/**
 * A page in `_id` order (`sort: { _id: ±1 }` with a `limit`): walks the `_id` index in order from
 * the range's bound and stops after `skip + limit` matches, instead of matching and sorting every
 * candidate. Used only when nedb's own candidates are many; returns null to leave the query to nedb.
 * Results are deep copies, as nedb's own `find` returns.
 */
export function findInIdOrder(datastore: Datastore, query: Filter, options: FindOptions): Doc[] | null {
  const sort = options.sort ? Object.entries(options.sort) : [];
  if (sort.length !== 1 || sort[0]![0] !== '_id' || options.limit === undefined || options.limit <= 0) return null;
  const wanted = (options.skip ?? 0) + options.limit;
  // A selective index (a few candidates) beats walking in order: leave those to nedb.
  if (rawCandidates(datastore, query).length <= wanted * 4) return null;
  const descending = sort[0]![1] === -1;
  const found: Doc[] = [];
  for (const doc of walk(indexesOf(datastore)._id!.tree.tree, boundOf(query._id, descending), descending)) {
    if (!model.match(doc, query)) continue;
    found.push(doc);
    if (found.length === wanted) break;
  }
  return found.slice(options.skip ?? 0).map((doc) => model.deepCopy(doc));
}

// Below this many values nedb's own `$in` check is cheap enough.
const LONG_IN_LIST = 16;

const longInList = (condition: unknown): condition is { $in: (string | number)[] } => {
  if (typeof condition !== 'object' || condition === null || Object.keys(condition).length !== 1) return false;
  const list = (condition as { $in?: unknown }).$in;
  return Array.isArray(list) && list.length >= LONG_IN_LIST && list.every((value) => typeof value === 'string' || typeof value === 'number');
};

/**
 * A batch look-up (`{ field: { $in: [hundreds of ids] }, ... }` on an indexed field, what every
 * DataLoader sends): the index already gives exactly the documents whose field is in the list, so
 * only the rest of the filter is matched. nedb matched the whole filter, testing each candidate
 * against every value of the list: quadratic in the batch size. Sort, skip and limit as nedb
 * applies them; results are deep copies. Returns null for any other shape.
 */
export function findByInList(datastore: Datastore, query: Filter, options: FindOptions): Doc[] | null {
  const indexes = indexesOf(datastore);
  const field = Object.keys(query).find((name) => indexes[name] !== undefined && longInList(query[name]));
  if (field === undefined) return null;
  const { [field]: condition, ...rest } = query;
  const candidates = indexes[field]!.getMatching((condition as { $in: unknown[] }).$in);
  let found = Object.keys(rest).length === 0 ? [...candidates] : candidates.filter((doc) => model.match(doc, rest));
  const sort = Object.entries(options.sort ?? {});
  if (sort.length > 0) {
    found.sort((a, b) => {
      for (const [key, direction] of sort) {
        const order = direction * model.compareThings(model.getDotValue(a, key), model.getDotValue(b, key));
        if (order !== 0) return order;
      }
      return 0;
    });
  }
  const skip = options.skip ?? 0;
  if (skip > 0 || options.limit !== undefined) found = found.slice(skip, options.limit !== undefined ? skip + options.limit : undefined);
  return found.map((doc) => model.deepCopy(doc));
}

/**
 * `count` of a filter that is one equality on one indexed field: the index already holds exactly
 * the matching documents. Returns null for every other filter (nedb matches them one by one).
 */
export function countByIndex(datastore: Datastore, query: Filter): number | null {
  const fields = Object.keys(query);
  if (fields.length !== 1) return null;
  const field = fields[0]!;
  const value = query[field];
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
  const index = indexesOf(datastore)[field];
  return index ? index.getMatching(value).length : null;
}
