import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { limitExceeded, permanentFailure } from './errors';
import { DEFAULT_LIMITS, type MediaLimits } from './limits';
import { DEFAULT_LADDER, ladderFor, type LadderRung } from './hls-ladder';
import { probeMedia, type ProbeResult } from './probe';
import type { ProcessingResult, ProgressListener, RenditionFile } from './results';
import { runTool, ToolExitError } from './run-tool';

export interface VideoOptions {
  ladder?: readonly LadderRung[];
  /** Target segment length in seconds. */
  segmentSeconds?: number;
  /** x264 preset: the speed/size trade-off. */
  preset?: string;
  /** Per ffmpeg run. */
  timeoutMs?: number;
  /** Duration, resolution and probe-time bounds, checked on the probe before ffmpeg decodes anything. */
  limits?: MediaLimits;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

const AUDIO_ONLY_KBPS = 128;
const POSTER_MAX_WIDTH = 1280;

/**
 * The ffmpeg arguments for an HLS ladder in one run: the source is decoded once and split into one
 * scaled H.264 stream per rung (plus AAC when the source has sound); ffmpeg writes each rung's
 * playlist and segments under `hls/<rung>/` and the master playlist `hls/master.m3u8`.
 */
export function hlsVideoArgs(input: string, outDir: string, rungs: readonly LadderRung[], hasAudio: boolean, options: VideoOptions = {}): string[] {
  const segment = options.segmentSeconds ?? 4;
  const split = `[0:v]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`;
  const scales = rungs.map((rung, i) => `[s${i}]scale=-2:${rung.height},format=yuv420p[v${i}]`);
  const args = ['-hide_banner', '-nostdin', '-y', '-i', input, '-filter_complex', [split, ...scales].join(';')];
  rungs.forEach((rung, i) => {
    args.push('-map', `[v${i}]`);
    if (hasAudio) args.push('-map', '0:a:0');
    args.push(`-b:v:${i}`, `${rung.videoKbps}k`, `-maxrate:v:${i}`, `${Math.round(rung.videoKbps * 1.07)}k`, `-bufsize:v:${i}`, `${rung.videoKbps * 2}k`);
    if (hasAudio) args.push(`-b:a:${i}`, `${rung.audioKbps}k`);
  });
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    options.preset ?? 'veryfast',
    '-profile:v',
    'main',
    // Key frames on segment boundaries so every rung cuts at the same instants (switchable).
    '-force_key_frames',
    `expr:gte(t,n_forced*${segment})`,
    '-sc_threshold',
    '0',
  );
  if (hasAudio) args.push('-c:a', 'aac', '-ac', '2');
  args.push(
    '-var_stream_map',
    rungs.map((rung, i) => (hasAudio ? `v:${i},a:${i},name:${rung.name}` : `v:${i},name:${rung.name}`)).join(' '),
    ...hlsOutputArgs(outDir, segment),
  );
  return args;
}

/** Audio only: one AAC rung named `audio`, with its own master playlist so clients play both alike. */
export function hlsAudioArgs(input: string, outDir: string, options: VideoOptions = {}): string[] {
  const segment = options.segmentSeconds ?? 6;
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-i',
    input,
    '-map',
    '0:a:0',
    '-vn',
    '-c:a',
    'aac',
    '-ac',
    '2',
    '-b:a',
    `${AUDIO_ONLY_KBPS}k`,
    '-var_stream_map',
    'a:0,name:audio',
    ...hlsOutputArgs(outDir, segment),
  ];
}

function hlsOutputArgs(outDir: string, segmentSeconds: number): string[] {
  return [
    '-f',
    'hls',
    '-hls_time',
    String(segmentSeconds),
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-hls_segment_filename',
    join(outDir, 'hls', '%v', 'segment_%03d.ts'),
    '-master_pl_name',
    'master.m3u8',
    join(outDir, 'hls', '%v', 'index.m3u8'),
  ];
}

/** One frame a little into the video (the first frame is often black), at most 1280 wide. */
export function posterArgs(input: string, outDir: string, durationSeconds: number): string[] {
  const at = Math.min(1, durationSeconds / 2).toFixed(3);
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-ss',
    at,
    '-i',
    input,
    '-frames:v',
    '1',
    '-vf',
    `scale='min(${POSTER_MAX_WIDTH},iw)':-2`,
    '-q:v',
    '3',
    join(outDir, 'poster.jpg'),
  ];
}

/** ffprobe first, then the bounds: a file over one is refused before ffmpeg decodes a frame. */
async function probeWithinLimits(input: string, options: VideoOptions): Promise<ProbeResult> {
  const limits = options.limits ?? DEFAULT_LIMITS.media;
  const probe = await probeMedia(input, Math.min(limits.probeTimeoutMs, options.timeoutMs ?? limits.probeTimeoutMs));
  if ((probe.durationSeconds ?? 0) > limits.maxDurationSeconds)
    throw limitExceeded('MEDIA_TOO_LONG', `The file is longer than ${formatDuration(limits.maxDurationSeconds)}.`, `${probe.durationSeconds} s`);
  if (Math.max(probe.width ?? 0, probe.height ?? 0) > limits.maxDimension)
    throw limitExceeded(
      'VIDEO_RESOLUTION_TOO_HIGH',
      `The video is larger than ${limits.maxDimension} pixels on its longer side.`,
      `${probe.width}×${probe.height}`,
    );
  return probe;
}

const formatDuration = (seconds: number): string =>
  seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;

export async function processVideo(input: string, outDir: string, options: VideoOptions = {}): Promise<ProcessingResult> {
  const probe = await probeWithinLimits(input, options);
  if (!probe.hasVideo || !probe.height) return processAudio(input, outDir, options, probe);
  const rungs = ladderFor(probe.height, options.ladder ?? DEFAULT_LADDER);
  await mkdir(join(outDir, 'hls'), { recursive: true });
  await ffmpeg(hlsVideoArgs(input, outDir, rungs, probe.hasAudio, options), probe.durationSeconds ?? 0, options, 'The video could not be converted.');
  await ffmpeg(
    posterArgs(input, outDir, probe.durationSeconds ?? 0),
    0,
    { ...options, onProgress: undefined },
    'No poster frame could be taken from the video.',
  );

  const renditions: RenditionFile[] = [await fileRendition(outDir, 'hls/master.m3u8', 'HLS_MASTER', 'application/vnd.apple.mpegurl')];
  for (const rung of rungs) {
    const width = evenWidth(probe, rung.height);
    renditions.push({
      ...(await fileRendition(outDir, `hls/${rung.name}/index.m3u8`, 'HLS_VARIANT', 'application/vnd.apple.mpegurl')),
      label: rung.name,
      width,
      height: rung.height,
      bandwidth: (rung.videoKbps + (probe.hasAudio ? rung.audioKbps : 0)) * 1000,
    });
  }
  const poster = await fileRendition(outDir, 'poster.jpg', 'POSTER', 'image/jpeg');
  renditions.push({ ...poster, width: Math.min(POSTER_MAX_WIDTH, probe.width ?? POSTER_MAX_WIDTH) });
  return { metadata: metadataOf(probe), renditions };
}

export async function processAudio(input: string, outDir: string, options: VideoOptions = {}, probed?: ProbeResult): Promise<ProcessingResult> {
  const probe = probed ?? (await probeWithinLimits(input, options));
  if (!probe.hasAudio) throw permanentFailure('The file has no audio.');
  await mkdir(join(outDir, 'hls'), { recursive: true });
  await ffmpeg(hlsAudioArgs(input, outDir, options), probe.durationSeconds ?? 0, options, 'The audio could not be converted.');
  return {
    metadata: metadataOf(probe),
    renditions: [
      await fileRendition(outDir, 'hls/master.m3u8', 'HLS_MASTER', 'application/vnd.apple.mpegurl'),
      {
        ...(await fileRendition(outDir, 'hls/audio/index.m3u8', 'HLS_VARIANT', 'application/vnd.apple.mpegurl')),
        label: 'audio',
        bandwidth: AUDIO_ONLY_KBPS * 1000,
      },
    ],
  };
}

/** Every file a processor wrote, relative and with forward slashes (segments included), for upload. */
export async function listOutputFiles(outDir: string, under = ''): Promise<string[]> {
  const entries = await readdir(join(outDir, under), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listOutputFiles(outDir, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

async function ffmpeg(args: string[], durationSeconds: number, options: VideoOptions, safeReason: string): Promise<void> {
  const progressArgs = options.onProgress && durationSeconds > 0 ? ['-progress', 'pipe:1', '-nostats'] : [];
  let last = -1;
  const onStdout = (chunk: string) => {
    for (const match of chunk.matchAll(/out_time_us=(\d+)/g)) {
      const percent = Math.min(99, Math.floor(Number(match[1]) / 1e4 / durationSeconds));
      if (percent > last) options.onProgress?.((last = percent));
    }
  };
  try {
    // Input read no further than the duration bound, whatever the probe believed.
    const bounded = ['-t', String((options.limits ?? DEFAULT_LIMITS.media).maxDurationSeconds)];
    await runTool('ffmpeg', [...progressArgs, ...bounded, ...args], { timeoutMs: options.timeoutMs ?? 30 * 60_000, onStdout, signal: options.signal });
  } catch (error) {
    if (error instanceof ToolExitError && error.exitSignal === null) throw permanentFailure(safeReason, error.message);
    throw error;
  }
  if (progressArgs.length > 0) options.onProgress?.(100);
}

async function fileRendition(outDir: string, path: string, role: RenditionFile['role'], contentType: string): Promise<RenditionFile> {
  const info = await stat(join(outDir, path)).catch(() => undefined);
  if (!info) throw permanentFailure('Processing produced no output.', `${path} is missing`);
  return { role, path, contentType, bytes: info.size };
}

function evenWidth(probe: ProbeResult, height: number): number {
  // What ffmpeg's `scale=-2:<height>` picks: the aspect-preserving width rounded to an even number.
  return Math.round((((probe.width ?? 16) / (probe.height ?? 9)) * height) / 2) * 2;
}

function metadataOf(probe: ProbeResult) {
  const { hasVideo: _video, hasAudio: _audio, ...metadata } = probe;
  return metadata;
}
