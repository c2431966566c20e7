import { authorisePlaylist } from '../src/routes/playlist';

/** The rewrite the file route applies to playlists served under a folder authorisation. */
describe('authorisePlaylist', () => {
  const scope = '/files/a1/d/hls/';
  const query = 'scope=%2Ffiles%2Fa1%2Fd%2Fhls%2F&expires=1900000000&sig=abc';

  it('appends the query to relative URI lines and URI attributes inside the folder, keeping fragments and existing queries', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="en",URI="audio/index.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=1400000,RESOLUTION=854x480',
      '480p/index.m3u8',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="720p/iframes.m3u8?v=2"',
      '720p/index.m3u8#start',
      '',
    ].join('\n');
    expect(authorisePlaylist(master, '/files/a1/d/hls/master.m3u8', scope, query).split('\n')).toEqual([
      '#EXTM3U',
      `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="en",URI="audio/index.m3u8?${query}"`,
      '#EXT-X-STREAM-INF:BANDWIDTH=1400000,RESOLUTION=854x480',
      `480p/index.m3u8?${query}`,
      `#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="720p/iframes.m3u8?v=2&${query}"`,
      `720p/index.m3u8?${query}#start`,
      '',
    ]);
  });

  it('resolves segment URIs against the variant playlist, and leaves absolute URIs, rooted paths and paths leaving the folder alone', () => {
    const variant = [
      '#EXTM3U',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:4.0,',
      'segment0.ts',
      '#EXTINF:4.0,',
      '../../original',
      'https://elsewhere.example/segment1.ts',
      '/files/a1/d/hls/720p/segment2.ts',
      '//elsewhere.example/segment3.ts',
      '#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k"',
    ].join('\n');
    expect(authorisePlaylist(variant, '/files/a1/d/hls/720p/index.m3u8', scope, query).split('\n')).toEqual([
      '#EXTM3U',
      `#EXT-X-MAP:URI="init.mp4?${query}"`,
      '#EXTINF:4.0,',
      `segment0.ts?${query}`,
      '#EXTINF:4.0,',
      '../../original',
      'https://elsewhere.example/segment1.ts',
      '/files/a1/d/hls/720p/segment2.ts',
      '//elsewhere.example/segment3.ts',
      '#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k"',
    ]);
  });

  it('keeps CRLF line endings', () => {
    expect(authorisePlaylist('#EXTM3U\r\nsegment0.ts\r\n', '/files/a1/d/hls/480p/index.m3u8', scope, query)).toBe(`#EXTM3U\r\nsegment0.ts?${query}\r\n`);
  });
});
