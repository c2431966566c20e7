import path from 'node:path';
import { makePng, makeVideo } from '../../../subgraphs/media/test/processing/support/fixtures';

/** A 640×360 PNG cover, made by the media tests' own image fixture. */
export async function makeCoverPng(directory: string): Promise<string> {
  const file = path.join(directory, 'cover.png');
  await makePng(file, 640, 360);
  return file;
}

/** A 3-second H.264 + AAC lecture from ffmpeg's test pattern, small enough to process in seconds. */
export function makeLectureVideo(directory: string): Promise<string> {
  const file = path.join(directory, 'lecture.mp4');
  makeVideo(file, { width: 640, height: 360, seconds: 3 });
  return Promise.resolve(file);
}
