import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  NoSuchUploadError,
  ObjectChangedError,
  RangeNotSatisfiableError,
  StorageUnavailableError,
  TooLargeUploadError,
  checkObjectKey,
  type ByteRange,
  type IncompleteUpload,
  type ObjectBody,
  type ObjectStorage,
  type PresignedRequest,
  type StoredObject,
  type UploadedPart,
} from './port';
import { signedExpiry, type UrlSigner } from './url-signer';

/** Where presigned embedded uploads go: the media subgraph (behind the gateway) serves this route. */
export const UPLOAD_ROUTE = '/uploads';

export interface EmbeddedStorageOptions {
  /** `DATA_DIR/media`, or a temporary folder in tests. */
  directory: string;
  /** Signs upload URLs; the upload route verifies them with the same secret. */
  signer: UrlSigner;
  /** The origin clients reach (the gateway), e.g. `http://localhost:4000`; read when a URL is made. */
  publicBaseUrl: () => string;
}

interface MultipartMeta {
  key: string;
  contentType: string;
  initiatedAt: string;
}

export interface EmbeddedStorage extends ObjectStorage {
  readonly kind: 'embedded';
  /** The upload route's side: stores a presigned PUT's body; more than `maxBytes` is refused (`TooLargeUploadError`) and nothing is kept. */
  receiveObject(key: string, body: Readable, maxBytes: number): Promise<StoredObject>;
  /** The upload route's side: stores one part (at most `maxBytes`) and returns its ETag. */
  receivePart(key: string, uploadId: string, partNumber: number, body: Readable, maxBytes: number): Promise<UploadedPart>;
}

/** Passes at most `limit` bytes on; the chunk that would go past it fails the stream instead, so it is never written. */
function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) return callback(new TooLargeUploadError(limit));
      callback(null, chunk);
    },
  });
}

/**
 * A file is only ever replaced by renaming a new one over its name, never changed in place, so
 * inode, modification time and size identify one version of an object.
 */
const etagOf = (stat: { size: bigint; ino: bigint; mtimeNs: bigint }): string =>
  `"${stat.size.toString(16)}-${stat.ino.toString(16)}-${stat.mtimeNs.toString(16)}"`;

const PART_FILE = (partNumber: number) => `part-${String(partNumber).padStart(5, '0')}`;
const quote = (text: string) => `"${text}"`;

/**
 * Files under `directory/objects/<key>`. Every write goes to `directory/tmp` first and is renamed
 * into place when complete, so a crash never leaves a half file under a real key (the rename is
 * atomic on one file system). Multipart uploads keep their parts under `directory/multipart/<id>`.
 */
export async function openEmbeddedStorage(options: EmbeddedStorageOptions): Promise<EmbeddedStorage> {
  const root = path.resolve(options.directory);
  const objects = path.join(root, 'objects');
  const tmp = path.join(root, 'tmp');
  const multipart = path.join(root, 'multipart');
  await Promise.all([objects, tmp, multipart].map((dir) => fs.mkdir(dir, { recursive: true })));
  // Left by a crash mid-write; nothing refers to them.
  for (const name of await fs.readdir(tmp)) await fs.rm(path.join(tmp, name), { force: true });

  const fileOf = (key: string) => path.join(objects, ...checkObjectKey(key).split('/'));
  const uploadDir = (uploadId: string) => {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new NoSuchUploadError(`no multipart upload ${uploadId}`);
    return path.join(multipart, uploadId);
  };

  /** Parts need an MD5 ETag (as S3 gives them); whole objects skip the hashing cost. */
  async function writeAtomically(target: string, source: Readable, withMd5 = false, maxBytes?: number): Promise<{ size: number; md5: string }> {
    const temporary = path.join(tmp, randomUUID());
    const body = maxBytes === undefined ? source : source.pipe(limitBytes(maxBytes));
    if (body !== source) source.on('error', (error) => body.destroy(error));
    const md5 = withMd5 ? createHash('md5') : null;
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      md5?.update(chunk);
    });
    // The file system's own failures (not the body's) mean the store cannot write right now.
    let ours: unknown;
    const onDisk = <T>(work: Promise<T>): Promise<T> =>
      work.catch((error: unknown) => {
        ours ??= error;
        throw error;
      });
    try {
      // 1 MiB writes instead of 16 KiB ones: fewer system calls for large files.
      const file = createWriteStream(temporary, { flags: 'wx', highWaterMark: 1024 * 1024 });
      // Only a system call's failure is the disk's; the body's own errors reach the file stream too.
      file.once('error', (error: NodeJS.ErrnoException) => {
        if (error.syscall !== undefined) ours ??= error;
      });
      await pipeline(body, file);
      await onDisk(fs.mkdir(path.dirname(target), { recursive: true }));
      await onDisk(fs.rename(temporary, target));
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      throw ours !== undefined ? new StorageUnavailableError(ours) : error;
    }
    return { size, md5: md5?.digest('hex') ?? '' };
  }

  async function head(key: string): Promise<StoredObject | null> {
    try {
      const stat = await fs.stat(fileOf(key), { bigint: true });
      return { key, size: Number(stat.size), etag: etagOf(stat) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async function readMeta(uploadId: string): Promise<MultipartMeta> {
    try {
      return JSON.parse(await fs.readFile(path.join(uploadDir(uploadId), 'meta.json'), 'utf8')) as MultipartMeta;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NoSuchUploadError(`no multipart upload ${uploadId}`);
      throw error;
    }
  }

  async function listParts(key: string, uploadId: string): Promise<UploadedPart[]> {
    const meta = await readMeta(uploadId);
    if (meta.key !== key) throw new NoSuchUploadError(`multipart upload ${uploadId} is not for ${key}`);
    const names = (await fs.readdir(uploadDir(uploadId))).filter((name) => name.startsWith('part-') && name.endsWith('.etag'));
    const parts = await Promise.all(
      names.map(async (name) => {
        const partNumber = Number(name.slice(5, 10));
        const size = (await fs.stat(path.join(uploadDir(uploadId), PART_FILE(partNumber)))).size;
        return { partNumber, etag: await fs.readFile(path.join(uploadDir(uploadId), name), 'utf8'), size };
      }),
    );
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  function presigned(key: string, expiresAt: Date, params: Record<string, string>, contentType?: string): PresignedRequest {
    const routePath = `${UPLOAD_ROUTE}/${checkObjectKey(key)}`;
    const query = options.signer.sign('PUT', routePath, expiresAt, params);
    return {
      method: 'PUT',
      url: `${options.publicBaseUrl()}${routePath}?${query}`,
      headers: contentType ? { 'content-type': contentType } : {},
      expiresAt: signedExpiry(expiresAt),
    };
  }

  async function put(key: string, body: Readable, maxBytes?: number): Promise<StoredObject> {
    const { size } = await writeAtomically(fileOf(key), body, false, maxBytes);
    return { ...(await head(key)), key, size };
  }

  /** Folders emptied by a removal go too (one per staged upload would pile up otherwise). */
  async function removeEmptyFolders(file: string): Promise<void> {
    for (let dir = path.dirname(file); dir.startsWith(objects + path.sep); dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        return;
      }
    }
  }

  return {
    kind: 'embedded',
    put: (key, body) => put(key, body),
    receiveObject: (key, body, maxBytes) => put(key, body, maxBytes),
    async get(key, range?: ByteRange): Promise<ObjectBody | null> {
      const object = await head(key);
      if (!object) return null;
      if (range && (range.start >= object.size || range.start > range.end)) throw new RangeNotSatisfiableError(object.size);
      const end = range ? Math.min(range.end, object.size - 1) : undefined;
      const body = createReadStream(fileOf(key), range ? { start: range.start, end } : {});
      return { object, body };
    },
    head,
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
      await removeEmptyFolders(fileOf(key));
    },
    async list(prefix) {
      const start = path.join(objects, ...prefix.split('/').filter(Boolean));
      const found: string[] = [];
      async function walk(dir: string): Promise<void> {
        let entries;
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) await walk(full);
          else found.push(path.relative(objects, full).split(path.sep).join('/'));
        }
      }
      await walk(start);
      return found.filter((key) => key.startsWith(prefix)).sort();
    },
    async presignPut(key, { expiresAt, contentType, contentLength }) {
      // The size is signed with the URL: the route stores no more than it (413 beyond).
      return presigned(key, expiresAt, { size: String(contentLength) }, contentType);
    },
    async createMultipartUpload(key, { contentType }) {
      checkObjectKey(key);
      const uploadId = randomUUID();
      await fs.mkdir(uploadDir(uploadId));
      const meta: MultipartMeta = { key, contentType, initiatedAt: new Date().toISOString() };
      await fs.writeFile(path.join(uploadDir(uploadId), 'meta.json'), JSON.stringify(meta));
      return uploadId;
    },
    async presignPart(key, uploadId, partNumber, { expiresAt, contentLength }) {
      await readMeta(uploadId);
      return presigned(key, expiresAt, { uploadId, partNumber: String(partNumber), size: String(contentLength) });
    },
    async receivePart(key, uploadId, partNumber, body, maxBytes) {
      const meta = await readMeta(uploadId);
      if (meta.key !== key) throw new NoSuchUploadError(`multipart upload ${uploadId} is not for ${key}`);
      if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) throw new Error('part numbers run from 1 to 10000');
      const dir = uploadDir(uploadId);
      const { size, md5 } = await writeAtomically(path.join(dir, PART_FILE(partNumber)), body, true, maxBytes);
      // The ETag is written after the part, so a listed part is always a complete one.
      await fs.writeFile(path.join(dir, `${PART_FILE(partNumber)}.etag`), quote(md5));
      return { partNumber, etag: quote(md5), size };
    },
    listParts,
    async completeMultipartUpload(key, uploadId, parts) {
      const received = new Map((await listParts(key, uploadId)).map((part) => [part.partNumber, part]));
      const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
      if (ordered.length === 0) throw new Error('a multipart upload needs at least one part');
      for (const part of ordered) {
        if (received.get(part.partNumber)?.etag !== part.etag) throw new Error(`part ${part.partNumber} was not received with ETag ${part.etag}`);
      }
      const dir = uploadDir(uploadId);
      async function* concatenated() {
        for (const part of ordered) yield* createReadStream(path.join(dir, PART_FILE(part.partNumber)));
      }
      const { size } = await writeAtomically(fileOf(key), Readable.from(concatenated()));
      await fs.rm(dir, { recursive: true, force: true });
      return { ...(await head(key)), key, size };
    },
    async abortMultipartUpload(_key, uploadId) {
      await fs.rm(uploadDir(uploadId), { recursive: true, force: true });
    },
    async listIncompleteUploads(): Promise<IncompleteUpload[]> {
      const uploads: IncompleteUpload[] = [];
      for (const uploadId of await fs.readdir(multipart)) {
        try {
          const meta = await readMeta(uploadId);
          uploads.push({ key: meta.key, uploadId, initiatedAt: new Date(meta.initiatedAt) });
        } catch (error) {
          if (!(error instanceof NoSuchUploadError)) throw error;
        }
      }
      return uploads;
    },
    async promote(from, to, { ifMatch } = {}) {
      const source = fileOf(from);
      const target = fileOf(to);
      // A hard link pins the version checked: a PUT replacing `from` meanwhile renames a new file
      // over the name and never touches this inode.
      const snapshot = path.join(tmp, randomUUID());
      try {
        await fs.link(source, snapshot);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (await head(from)) === null) throw new ObjectChangedError(`no object ${from}`);
        throw new StorageUnavailableError(error);
      }
      let outcome: 'moved' | 'exists' = 'moved';
      try {
        if (ifMatch !== undefined && etagOf(await fs.stat(snapshot, { bigint: true })) !== ifMatch) throw new ObjectChangedError(`object ${from} changed`);
        await fs.mkdir(path.dirname(target), { recursive: true });
        try {
          await fs.link(snapshot, target);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StorageUnavailableError(error);
          outcome = 'exists';
        }
      } finally {
        await fs.rm(snapshot, { force: true });
      }
      await fs.rm(source, { force: true });
      await removeEmptyFolders(source);
      return outcome;
    },
  };
}
