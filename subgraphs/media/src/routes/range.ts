import type { ByteRange } from '@skillgraph/platform/src/storage';

/**
 * One `Range` header against an object of `size` bytes, per RFC 9110 §14: `bytes=a-b`, `bytes=a-`
 * and suffix `bytes=-n`. 'ignore' means serve the whole object with 200 (absent, malformed, not
 * bytes, or several ranges, which a server may answer in full); 'unsatisfiable' means 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'ignore' | 'unsatisfiable' {
  if (!header) return 'ignore';
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!match) return 'ignore';
  const [, first, last] = match;
  if (first === '' && last === '') return 'ignore';
  if (first === '') {
    // Suffix: the last n bytes (all of them when n exceeds the size); n = 0 selects nothing.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  // An invalid range (last before first) is ignored; only then is an open `bytes=N-` past the end
  // unsatisfiable (its implied end, size - 1, would otherwise look like an invalid range).
  if (last !== '' && Number(last) < start) return 'ignore';
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Number(last);
  return { start, end: Math.min(end, size - 1) };
}
