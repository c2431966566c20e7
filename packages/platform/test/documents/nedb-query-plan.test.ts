import Datastore from '@seald-io/nedb';
import { countByIndex, findByInList, findInIdOrder, flattenConjunction } from '../../src/documents/nedb-query-plan';

describe('flattenConjunction', () => {
  it('lifts the fields of a top-level $and so nedb can use their indexes', () => {
    expect(flattenConjunction({ $and: [{ published: true }, { _id: { $gt: 'x' } }] })).toEqual({ published: true, _id: { $gt: 'x' } });
    expect(flattenConjunction({ $and: [{ $and: [{ a: 1 }, { b: 2 }] }, { c: 3 }] })).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps a field met twice, and anything beside $and, as it was', () => {
    expect(flattenConjunction({ $and: [{ n: { $gt: 1 } }, { n: { $lt: 5 } }] })).toEqual({ n: { $gt: 1 }, $and: [{ n: { $lt: 5 } }] });
    expect(flattenConjunction({ a: 1, $and: [{ b: 2 }] })).toEqual({ a: 1, $and: [{ b: 2 }] });
  });
});

describe('the nedb plans', () => {
  let datastore: Datastore;
  beforeAll(async () => {
    datastore = new Datastore({ inMemoryOnly: true });
    await datastore.ensureIndexAsync({ fieldName: 'published' });
    await datastore.insertAsync(Array.from({ length: 2000 }, (_, n) => ({ _id: `d${String(n).padStart(5, '0')}`, published: n % 2 === 0, n })));
  });

  it('walks the _id index for a page when the other candidates are many, matching only as far as the page needs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const match = jest.spyOn(require('@seald-io/nedb/lib/model') as { match: () => boolean }, 'match');
    const page = findInIdOrder(datastore, { published: true, _id: { $gt: 'd01000' } }, { sort: { _id: 1 }, limit: 11 });
    expect(page?.map((doc) => doc._id)).toEqual(Array.from({ length: 11 }, (_, k) => `d${String(1002 + 2 * k).padStart(5, '0')}`));
    // nedb alone would match all 1,000 published candidates, then sort them.
    expect(match.mock.calls.length).toBeLessThan(30);
    match.mockRestore();
  });

  it('leaves selective queries and other sorts to nedb', () => {
    expect(findInIdOrder(datastore, { _id: 'd00001' }, { sort: { _id: 1 }, limit: 5 })).toBeNull();
    expect(findInIdOrder(datastore, { published: true }, { sort: { n: 1 }, limit: 5 })).toBeNull();
    expect(findInIdOrder(datastore, { published: true }, { sort: { _id: 1 } })).toBeNull();
  });

  it('answers a long $in on an indexed field from the index, matching each candidate against the rest of the filter only', async () => {
    const ids = Array.from({ length: 500 }, (_, k) => `d${String(k * 4).padStart(5, '0')}`);
    const query = { _id: { $in: ids }, published: true };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = require('@seald-io/nedb/lib/model') as { match: (doc: unknown, query: object) => boolean };
    const match = jest.spyOn(model, 'match');
    const found = findByInList(datastore, query, { sort: { n: -1 }, limit: 5 });
    // 500 candidates, each matched once against `{ published: true }`, never against the 500 ids.
    expect(match.mock.calls.length).toBe(500);
    expect(match.mock.calls.every(([, rest]) => !('_id' in (rest as object)))).toBe(true);
    match.mockRestore();
    const expected = (await datastore.findAsync(query).sort({ n: -1 }).limit(5)).map((doc) => doc._id);
    expect(found?.map((doc) => doc._id)).toEqual(expected);
    expect(findByInList(datastore, { _id: { $in: ids.slice(0, 3) } }, {})).toBeNull();
    expect(findByInList(datastore, { n: { $in: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] } }, {})).toBeNull();
  });

  it('counts one indexed equality from the index, and nothing else', () => {
    expect(countByIndex(datastore, { published: true })).toBe(1000);
    expect(countByIndex(datastore, { n: 3 })).toBeNull();
    expect(countByIndex(datastore, { published: true, n: 3 })).toBeNull();
  });
});
