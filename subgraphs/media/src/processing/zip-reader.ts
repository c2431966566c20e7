import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { permanentFailure } from './errors';

/**
 * A small reader for the ZIP containers of Office documents (DOCX, PPTX), enough to read named XML
 * parts: it parses the end-of-central-directory record and the central directory, and inflates
 * stored (method 0) or deflated (method 8) entries. Not supported, by choice: ZIP64 (Office parts
 * are far below 4 GiB), encryption, multi-disk archives. The whole file is read into memory, which
 * the document size limit bounds.
 */
export interface ZipArchive {
  names(): string[];
  /** The entry's bytes, or undefined when the archive has no such entry. */
  read(name: string): Buffer | undefined;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Refuses "zip bombs": no single XML part of a real presentation comes near this. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export async function openZip(path: string): Promise<ZipArchive> {
  return parseZip(await readFile(path));
}

export function parseZip(data: Buffer): ZipArchive {
  const entries = new Map<string, Entry>();
  // The EOCD record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let eocd = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw permanentFailure('The document is not a valid Office file.', 'no ZIP end-of-central-directory record');
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw permanentFailure('The document is not a valid Office file.', 'broken ZIP central directory');
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }

  return {
    names: () => [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const local = entry.localOffset;
      if (data.readUInt32LE(local) !== LOCAL_SIGNATURE) throw permanentFailure('The document is not a valid Office file.', `broken local header for ${name}`);
      // The local header's own name/extra lengths can differ from the central directory's.
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const raw = data.subarray(start, start + entry.compressedSize);
      if (entry.size > MAX_ENTRY_BYTES) throw permanentFailure('The document is too large to read.', `${name} is ${entry.size} bytes`);
      if (entry.method === 0) return raw;
      if (entry.method === 8) return inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
      throw permanentFailure('The document uses an unsupported compression.', `method ${entry.method} for ${name}`);
    },
  };
}
