import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

/** A 640×360 PNG cover (noise, so it does not compress to nothing). */
export async function makeCoverPng(directory: string): Promise<string> {
  const width = 640;
  const height = 360;
  const file = path.join(directory, 'cover.png');
  await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png()
    .toFile(file);
  return file;
}

/** A 3-second H.264 + AAC lecture from ffmpeg's test pattern, small enough to process in seconds. */
export async function makeLectureVideo(directory: string): Promise<string> {
  const file = path.join(directory, 'lecture.mp4');
  const seconds = 3;
  await run(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=640x360:rate=25:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      '-movflags',
      '+faststart',
      file,
    ],
    { timeout: 60_000 },
  );
  return file;
}
