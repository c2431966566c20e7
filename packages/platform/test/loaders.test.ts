import { groupBy, loaderById } from '../src/loaders';

describe('loaderById', () => {
  it('answers every id of one tick with one batched call, in the order asked, null for misses', async () => {
    const calls: string[][] = [];
    const loader = loaderById(async (ids) => {
      calls.push([...ids]);
      // Returned out of order on purpose: the loader must match by _id, not position.
      return ids.filter((id) => id !== 'missing').reverse().map((id) => ({ _id: id, name: `record ${id}` }));
    });
    const results = await Promise.all([loader.load('a'), loader.load('missing'), loader.load('b')]);
    expect(calls).toEqual([['a', 'missing', 'b']]);
    expect(results).toEqual([{ _id: 'a', name: 'record a' }, null, { _id: 'b', name: 'record b' }]);
  });
});

describe('groupBy', () => {
  it('groups by key in record order and leaves out records without a key', () => {
    const groups = groupBy([{ k: 'x', n: 1 }, { k: undefined, n: 2 }, { k: 'y', n: 3 }, { k: 'x', n: 4 }], (record) => record.k);
    expect([...groups]).toEqual([
      ['x', [{ k: 'x', n: 1 }, { k: 'x', n: 4 }]],
      ['y', [{ k: 'y', n: 3 }]],
    ]);
  });
});
