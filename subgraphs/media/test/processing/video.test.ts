import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { listOutputFiles, probeMedia, processAudio, processVideo } from '../../src/processing';
import { makeAudio, makeCorruptMp4, makeVideo } from './support/fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-video-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** ffprobe's view of a playlist: the programs (one per variant) and their video sizes. */
function probePlaylist(path: string): { width?: number; height?: number; codec_type: string }[] {
  const run = spawnSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', path], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as { streams: { width?: number; height?: number; codec_type: string }[] }).streams;
}

describe('video and audio processing (ffmpeg/ffprobe)', () => {
  jest.setTimeout(120_000);

  it('turns a 4 s 720p video into 480p + 720p HLS (no 1080p), a master playlist ffprobe reads, and a poster', async () => {
    const input = join(dir, 'talk.mp4');
    makeVideo(input, { width: 1280, height: 720, seconds: 4 });
    const progress: number[] = [];
    const out = join(dir, 'talk');
    const result = await processVideo(input, out, { onProgress: (percent) => progress.push(percent) });

    expect(result.metadata).toMatchObject({ width: 1280, height: 720, videoCodec: 'h264', audioCodec: 'aac' });
    expect(result.metadata.durationSeconds).toBeCloseTo(4, 0);
    const variants = result.renditions.filter((r) => r.role === 'HLS_VARIANT');
    expect(variants.map((v) => [v.label, v.width, v.height])).toEqual([
      ['480p', 854, 480],
      ['720p', 1280, 720],
    ]);

    const master = await readFile(join(out, 'hls/master.m3u8'), 'utf8');
    expect(master).toContain('480p/index.m3u8');
    expect(master).toContain('720p/index.m3u8');
    expect(master).not.toContain('1080p');
    const videoSizes = probePlaylist(join(out, 'hls/master.m3u8'))
      .filter((stream) => stream.codec_type === 'video')
      .map((stream) => stream.height);
    expect(new Set(videoSizes)).toEqual(new Set([480, 720]));

    const files = await listOutputFiles(out);
    expect(files).toEqual(expect.arrayContaining(['hls/master.m3u8', 'hls/480p/index.m3u8', 'hls/720p/index.m3u8', 'hls/480p/segment_000.ts', 'poster.jpg']));
    expect(files.some((file) => file.includes('1080p'))).toBe(false);

    const poster = await sharp(join(out, 'poster.jpg')).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(['jpeg', 1280, 720]);

    // Progress climbs and ends at 100.
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('gives a 360p source one rung at its own height rather than upscaling it', async () => {
    const input = join(dir, 'small.mp4');
    makeVideo(input, { width: 640, height: 360, seconds: 2 });
    const result = await processVideo(input, join(dir, 'small'));
    expect(result.renditions.filter((r) => r.role === 'HLS_VARIANT').map((r) => [r.label, r.height])).toEqual([['360p', 360]]);
  });

  it('turns an audio file into an AAC HLS rendition with a master playlist', async () => {
    const input = join(dir, 'tone.m4a');
    makeAudio(input, 4);
    const out = join(dir, 'tone');
    const result = await processAudio(input, out);
    expect(result.metadata).toMatchObject({ audioCodec: 'aac' });
    expect(result.metadata.width).toBeUndefined();
    expect(result.renditions.map((r) => [r.role, r.path])).toEqual([
      ['HLS_MASTER', 'hls/master.m3u8'],
      ['HLS_VARIANT', 'hls/audio/index.m3u8'],
    ]);
    const streams = probePlaylist(join(out, 'hls/master.m3u8'));
    expect(streams.map((s) => s.codec_type)).toEqual(['audio']);
    const codecs = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', join(out, 'hls/audio/index.m3u8')], {
      encoding: 'utf8',
    });
    expect(new Set(codecs.stdout.split(/\s+/).filter(Boolean))).toEqual(new Set(['aac']));
  });

  it('fails a corrupt MP4 permanently with a reason fit for its owner', async () => {
    const input = join(dir, 'broken.mp4');
    await makeCorruptMp4(input);
    const failure = await processVideo(input, join(dir, 'broken')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ProcessingFailure', permanent: true, safeReason: 'The file is not a readable video or audio file.' });
    await expect(probeMedia(input)).rejects.toMatchObject({ permanent: true });
  });
});
