import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ObjectStorage } from '@skillgraph/platform/src/storage';
import { listOutputFiles } from '../processing';

/** Content types of the files processors write, by extension. */
const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** Copies an object to a local file (written under a temporary name, then renamed). False when missing. */
export async function downloadObject(storage: ObjectStorage, key: string, file: string): Promise<boolean> {
  const object = await storage.get(key);
  if (!object) return false;
  await pipeline(object.body, createWriteStream(`${file}.part`));
  await rename(`${file}.part`, file);
  return true;
}

/**
 * Uploads everything under `dir` to `prefix` + the same relative path. Keys are deterministic, so a
 * second run after a crash overwrites the first run's objects instead of adding new ones.
 */
export async function uploadDirectory(storage: ObjectStorage, dir: string, prefix: string, parallel = 4): Promise<string[]> {
  const files = await listOutputFiles(dir);
  // A few at a time: thumbnails and segments are many small objects, and each put is mostly waiting.
  let next = 0;
  const uploadNext = async (): Promise<void> => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      await storage.put(`${prefix}${file}`, createReadStream(join(dir, file)), { contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, uploadNext));
  return files.map((file) => `${prefix}${file}`);
}

/** A clean per-asset scratch directory (left-overs of a killed run are removed first). */
export async function freshDirectory(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Moves an object to another key: copy, then delete the source. Idempotent when repeated. */
export async function moveObject(storage: ObjectStorage, from: string, to: string): Promise<void> {
  const object = await storage.get(from);
  if (object) {
    await storage.put(to, object.body, object.object.contentType ? { contentType: object.object.contentType } : {});
    await storage.delete(from);
  }
}
