/**
 * HLS playlists served under a folder authorisation. A player resolves a playlist's relative
 * URIs against the playlist's URL and drops its query string, so the authorisation that opened the
 * master would be lost on the first variant. Rewriting the served playlist so that every relative
 * URI inside the authorised folder carries the same query keeps one authorisation for the tree.
 */

const URI_ATTRIBUTE = /URI="([^"]*)"/g;

/** A relative-path reference (no scheme, no authority, not rooted): the only kind we rewrite. */
const isRelativePath = (uri: string): boolean => uri !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('/');

/**
 * Where a URI inside the folder should point instead of back at this route: an absolute URL
 * (a CDN's, carrying its own authorisation), or null to keep the relative URI with `query`.
 * `path` is the resolved, still percent-encoded path below the route.
 */
export type ElsewhereFor = (path: string) => string | null;

/**
 * `playlist` with `query` appended to each relative URI line and `URI="..."` attribute that
 * resolves (against `playlistPath`) to a path below `scope`. Absolute URIs, rooted paths and paths
 * leaving the folder are left as they are: the authorisation is not ours to hand elsewhere.
 */
export function authorisePlaylist(playlist: string, playlistPath: string, scope: string, query: string, elsewhere: ElsewhereFor = () => null): string {
  const base = new URL(playlistPath, 'http://playlist.invalid');
  const authorise = (uri: string): string => {
    if (!isRelativePath(uri)) return uri;
    const resolved = new URL(uri, base);
    if (resolved.origin !== base.origin || !resolved.pathname.startsWith(scope)) return uri;
    const moved = elsewhere(resolved.pathname);
    if (moved !== null) return moved;
    const hash = uri.indexOf('#');
    const [target, fragment] = hash === -1 ? [uri, ''] : [uri.slice(0, hash), uri.slice(hash)];
    return `${target}${target.includes('?') ? '&' : '?'}${query}${fragment}`;
  };
  return playlist
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) return line.replace(URI_ATTRIBUTE, (_match, uri: string) => `URI="${authorise(uri)}"`);
      return line.replace(trimmed, authorise(trimmed));
    })
    .join('\n');
}
