import { permanentFailure } from './errors';
import type { MediaMetadata } from './results';
import { runTool, ToolExitError } from './run-tool';

export interface ProbeResult extends MediaMetadata {
  hasVideo: boolean;
  hasAudio: boolean;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

/** Duration, dimensions and codecs from ffprobe; a file ffprobe cannot read is a permanent failure. */
export async function probeMedia(input: string, timeoutMs = 60_000): Promise<ProbeResult> {
  let stdout: string;
  try {
    ({ stdout } = await runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input], { timeoutMs }));
  } catch (error) {
    if (error instanceof ToolExitError) throw permanentFailure('The file is not a readable video or audio file.', error.message);
    throw error;
  }
  const probe = JSON.parse(stdout) as { streams?: FfprobeStream[]; format?: { duration?: string } };
  const streams = probe.streams ?? [];
  // Cover art in an audio file is a "video" stream with attached_pic; it is not a video.
  const video = streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  const duration = Number(probe.format?.duration ?? video?.duration ?? audio?.duration);
  if (!video && !audio) throw permanentFailure('The file has no video or audio.');
  if (!Number.isFinite(duration) || duration <= 0) throw permanentFailure('The file has no playable duration.');

  const rotation = Math.abs(Number(video?.tags?.rotate ?? video?.side_data_list?.find((side) => side.rotation !== undefined)?.rotation ?? 0));
  const quarterTurn = rotation % 180 === 90; // phone videos: stored landscape, shown portrait
  const width = quarterTurn ? video?.height : video?.width;
  const height = quarterTurn ? video?.width : video?.height;
  return {
    hasVideo: Boolean(video),
    hasAudio: Boolean(audio),
    durationSeconds: Math.round(duration * 1000) / 1000,
    ...(width && height ? { width, height } : {}),
    ...(video?.codec_name ? { videoCodec: video.codec_name } : {}),
    ...(audio?.codec_name ? { audioCodec: audio.codec_name } : {}),
  };
}
