import { fromBuffer } from 'file-type';
import { badUserInput } from '@skillgraph/platform';
import type { MediaKind } from '../data/records';

/**
 * Validation before trust: what a file really is comes from its first bytes, never from its name or
 * the type a client declared. Each kind accepts a short allowlist; the declared type must agree
 * with the detected one.
 */
export const ALLOWED_TYPES: Record<MediaKind, readonly string[]> = {
  IMAGE: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  VIDEO: ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/x-m4v'],
  AUDIO: ['audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/ogg', 'audio/opus', 'audio/vnd.wave', 'audio/x-flac'],
  DOCUMENT: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
};

/** Bytes file-type needs to recognise every type on the allowlists. */
export const SNIFF_BYTES = 4100;

// Names clients commonly send for the same thing.
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/wav': 'audio/vnd.wave',
  'audio/x-wav': 'audio/vnd.wave',
  'audio/wave': 'audio/vnd.wave',
  'audio/mp3': 'audio/mpeg',
  'audio/m4a': 'audio/x-m4a',
  'audio/flac': 'audio/x-flac',
};

export function normaliseType(contentType: string): string {
  const bare = contentType.split(';')[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

/** Checks the declared type against the kind's allowlist before any byte is read. */
export function checkDeclaredType(kind: MediaKind, declared: string, field: string): string {
  const type = normaliseType(declared);
  if (!ALLOWED_TYPES[kind].includes(type)) {
    throw badUserInput(`${kind} files must be one of ${ALLOWED_TYPES[kind].join(', ')}; "${declared.slice(0, 100)}" is not.`, field);
  }
  return type;
}

/**
 * The file's real type from its first bytes; refuses anything not on the kind's allowlist or not
 * what was declared. Returns the detected type, which is the one the asset keeps.
 */
export async function checkRealType(kind: MediaKind, declared: string, head: Buffer, field: string): Promise<string> {
  const detected = await fromBuffer(head);
  if (!detected || !ALLOWED_TYPES[kind].includes(detected.mime)) {
    throw badUserInput(`The file's content is not a ${kind.toLowerCase()} this platform accepts${detected ? ` (it is ${detected.mime})` : ''}.`, field);
  }
  const claimed = normaliseType(declared);
  // MP4-family containers share one signature; any allowed name within the kind is the same claim.
  const sameFamily = (a: string, b: string) => a === b || (kind !== 'DOCUMENT' && kind !== 'IMAGE' && a.split('/')[0] === b.split('/')[0] && [a, b].every((t) => /mp4|m4a|m4v|quicktime|aac/.test(t)));
  if (!sameFamily(detected.mime, claimed)) {
    throw badUserInput(`The file says it is ${claimed} but its content is ${detected.mime}.`, field);
  }
  return detected.mime;
}

export function checkSize(kind: MediaKind, size: number, limit: number, field: string): number {
  if (!Number.isSafeInteger(size) || size < 1) throw badUserInput('The size must be a whole number of bytes above 0.', field);
  if (size > limit) throw badUserInput(`${kind} files may be at most ${limit} bytes; this one is ${size}.`, field);
  return size;
}

// Controls (C0, DEL, C1), bidirectional overrides and isolates, zero-width and BOM characters.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The display name of an upload. A name carrying a path (`/`, `\`, or a `..` segment) is refused,
 * not silently shortened: a client sending one is confused or hostile and should hear so. Control
 * and direction-override characters (which can disguise `gpj.exe` as `exe.jpg`) are removed.
 */
export function cleanFilename(raw: string, field: string): string {
  if (/[\\/]/.test(raw) || raw.split(/[\\/]/).some((segment) => segment === '..') || raw.trim() === '..' || raw.trim() === '.') {
    throw badUserInput('The file name must be a plain name, without folders or "..".', field);
  }
  const cleaned = raw.normalize('NFC').replace(INVISIBLE, '').trim().replace(/^\.+/, '');
  if (cleaned.length === 0) throw badUserInput('The file name is empty once control characters are removed.', field);
  if ([...cleaned].length > 255) throw badUserInput('The file name must be at most 255 characters.', field);
  return cleaned;
}
