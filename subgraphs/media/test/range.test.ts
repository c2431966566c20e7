import { parseRange } from '../src/routes/range';

describe('parseRange', () => {
  it('answers an open range starting past the end as unsatisfiable (416), not as the whole file', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5000-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=100-200', 100)).toBe('unsatisfiable');
  });

  it('keeps the other cases: ranges inside, clamped ends, suffixes, invalid ranges ignored', () => {
    expect(parseRange('bytes=99-', 100)).toEqual({ start: 99, end: 99 });
    expect(parseRange('bytes=10-1000', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-10', 100)).toBe('ignore');
    expect(parseRange('bytes=500-10', 100)).toBe('ignore');
    expect(parseRange(undefined, 100)).toBe('ignore');
  });
});
