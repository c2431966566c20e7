import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { ErrorCode, badUserInput, codedError, newId, notFound, parseId, type UserViewer, type Viewer } from '@skillgraph/platform';
import {
  ObjectChangedError,
  StorageUnavailableError,
  type ObjectStorage,
  type PresignedRequest,
  type StagedUploadState,
} from '@skillgraph/platform/src/storage';
import type { MediaSettings } from '../config';
import type { BlobRepository } from '../data/blob-repository';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import type { MediaAssetRecord, MediaKind, MediaPurpose } from '../data/records';
import type { UsageRepository } from '../data/usage-repository';
import { mediaEntered } from '../events/media-events';
import { TooManyBytesError, hashStream, measure, peek } from './byte-streams';
import { SNIFF_BYTES, checkDeclaredType, checkRealType, checkSize, cleanFilename } from './file-checks';
import { requireOwnerOrAdmin, requireSignedIn } from './media-access';
import { releaseAsset } from './release';

export interface UploadServiceDeps {
  assets: MediaAssetRepository;
  blobs: BlobRepository;
  usage: UsageRepository;
  storage: ObjectStorage;
  settings: MediaSettings;
  /** Nudged after every committed write, so staged events go out now. */
  outbox: { notify(): void };
  now?: () => Date;
}

export interface StreamedFile {
  filename: string;
  mimetype: string;
  stream: Readable;
}

export interface AnnouncedFile {
  filename: string;
  contentType: string;
  size: number;
  kind: MediaKind;
  purpose?: MediaPurpose | null;
  /** Hex SHA-256 of the bytes, when the client computed it: confirm refuses other bytes, S3 refuses them at the PUT. */
  sha256?: string | null;
}

/** Parts handed out per request: a client asks again for the rest (or to resume). */
export const MAX_PART_URLS = 100;

const quotaExceeded = (what: 'bytes' | 'files', field: string) =>
  codedError(ErrorCode.QuotaExceeded, what === 'bytes' ? 'This upload would exceed your storage quota.' : 'You hold as many files as your quota allows.', {
    field,
  });

/**
 * Storage keys (docs/media.md, "Upload lifecycle"). A direct upload's URL writes to a staging key
 * of its own, random so no earlier or later URL names it; confirm checks the bytes there and moves
 * them to their content-addressed blob key, which no URL ever writes to and which is never
 * overwritten. GraphQL uploads (no URL at all) stream to an incoming key and move the same way.
 */
export const STAGING_PREFIX = 'staging/';
export const stagingKeyFor = (assetId: string) => `${STAGING_PREFIX}${assetId}/${randomBytes(16).toString('hex')}`;
export const incomingKeyFor = (assetId: string) => `incoming/${assetId}/${randomBytes(16).toString('hex')}`;
export const blobKeyOf = (sha256: string) => `blobs/${sha256}`;
export const derivedPrefix = (assetId: string) => `assets/${assetId}/`;
const assetIdOfStagingKey = (key: string): string | null => /^staging\/([^/]+)\/[0-9a-f]{32}$/.exec(key)?.[1] ?? null;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The fields every new asset starts with; each upload path adds its status, where its bytes are and how they came. */
function newAsset(
  base: {
    assetId: string;
    ownerId: string;
    kind: MediaKind;
    purpose: MediaPurpose | null | undefined;
    filename: string;
    contentType: string;
    size: number;
    at: Date;
  },
  rest: Pick<MediaAssetRecord, 'status' | 'upload'> & Partial<MediaAssetRecord>,
): MediaAssetRecord {
  return {
    _id: base.assetId,
    kind: base.kind,
    purpose: base.purpose ?? 'COURSE_MATERIAL',
    filename: base.filename,
    contentType: base.contentType,
    size: base.size,
    ownerId: base.ownerId,
    createdAt: base.at,
    updatedAt: base.at,
    derivedPrefix: derivedPrefix(base.assetId),
    ...rest,
  };
}

export type UploadService = ReturnType<typeof createUploadService>;

export function createUploadService(deps: UploadServiceDeps) {
  const { assets, blobs, usage, storage, settings, outbox } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * Moves the checked bytes at `key` to `blobs/<sha256>` (kept as they are when that blob exists:
   * a blob never changes once written) and takes a reference on the blob; returns the blob's key.
   * With `ifMatch`, the move fails (`ObjectChangedError`) when the object is not the version checked.
   */
  async function storeBlob(key: string, sha256: string, size: number, contentType: string, ifMatch?: string): Promise<string> {
    const blobKey = blobKeyOf(sha256);
    const moved = await storage.promote(key, blobKey, ifMatch !== undefined ? { ifMatch } : {});
    const { blob, outcome } = await blobs.acquire({ _id: sha256, key: blobKey, size, contentType, createdAt: now() });
    // Blobs stored before content-addressed keys keep their first asset's key; the copy just made is surplus then.
    if (outcome === 'shared' && blob.key !== blobKey && moved === 'moved') await storage.delete(blobKey);
    return blob.key;
  }

  async function ownPendingUpload(viewer: Viewer, rawId: string, field: string): Promise<{ user: UserViewer; asset: MediaAssetRecord }> {
    const user = requireSignedIn(viewer);
    const asset = await assets.findById(parseId(rawId, field));
    if (!asset || asset.deletedAt) throw notFound('MediaAsset');
    requireOwnerOrAdmin(user, asset);
    if (asset.status !== 'PENDING_UPLOAD' || !asset.upload || asset.upload.method === 'GRAPHQL_MULTIPART' || !asset.stagingKey) {
      throw badUserInput('This asset is not waiting for an upload.', field);
    }
    return { user, asset };
  }

  /** Checks the announced file and reserves its quota; the caller creates the asset or releases. */
  async function announce(user: UserViewer, input: AnnouncedFile) {
    const filename = cleanFilename(input.filename, 'input.filename');
    const contentType = checkDeclaredType(input.kind, input.contentType, 'input.contentType');
    const size = checkSize(input.kind, input.size, settings.maxBytes[input.kind], 'input.size');
    const sha256 = input.sha256?.toLowerCase() ?? undefined;
    if (sha256 !== undefined && !SHA256_HEX.test(sha256)) throw badUserInput('sha256 must be 64 hexadecimal digits.', 'input.sha256');
    const reserved = await usage.reserve(user.id, size, 1, settings.quota);
    if (reserved !== 'reserved') throw quotaExceeded(reserved, 'input.size');
    return { filename, contentType, size, ...(sha256 ? { sha256 } : {}) };
  }

  /**
   * The bytes of a direct upload are at `stagingKey`: check them (present, exactly the announced
   * size, real type, the announced SHA-256), hash them, move them to their blob and the asset to
   * UPLOADED. The move happens only if the staging object is still the version checked, so a PUT
   * racing the confirm cannot slip other bytes in. A refusal removes the bytes, gives the quota
   * back and marks the asset FAILED with the reason (its owner sees why).
   */
  async function finishDirectUpload(asset: MediaAssetRecord, field: string): Promise<MediaAssetRecord> {
    const key = asset.stagingKey!;
    const upload = asset.upload && asset.upload.method !== 'GRAPHQL_MULTIPART' ? asset.upload : undefined;
    const declaredSize = upload?.declaredSize ?? asset.size;
    const stored = await storage.head(key);
    if (!stored) throw badUserInput('No bytes have arrived for this upload yet.', field);
    const refuse = async (error: GraphQLError): Promise<never> => {
      const reason = error.message;
      // The transition decides: a concurrent confirm that finished first keeps its asset, its
      // bytes and its reservation, and this call gives back nothing it does not own.
      const failed = await assets.transition(asset._id, ['PENDING_UPLOAD'], 'FAILED', { failureReason: reason }, { reason });
      if (!failed) throw badUserInput('This asset is not waiting for an upload.', field);
      await storage.delete(key);
      await usage.release(asset.ownerId, declaredSize, 1);
      outbox.notify();
      throw error;
    };
    let contentType: string;
    let hashed: { sha256: string; size: number };
    try {
      if (stored.size !== declaredSize) throw badUserInput(`The upload has ${stored.size} bytes, not the ${declaredSize} announced.`, field);
      const head = await storage.get(key, { start: 0, end: SNIFF_BYTES - 1 });
      const chunks: Buffer[] = [];
      for await (const chunk of head!.body) chunks.push(chunk as Buffer);
      contentType = await checkRealType(asset.kind, asset.contentType, Buffer.concat(chunks), field);
      const whole = await storage.get(key);
      if (!whole) throw badUserInput('The upload changed while it was being confirmed; upload it again.', field);
      hashed = await hashStream(whole.body);
      if (hashed.size !== declaredSize) throw badUserInput(`The upload has ${hashed.size} bytes, not the ${declaredSize} announced.`, field);
      if (upload?.sha256 && hashed.sha256 !== upload.sha256) throw badUserInput('The bytes received do not match the announced SHA-256.', field);
    } catch (error) {
      // A refusal of the bytes is final; a failure to read them (storage trouble) is not: the asset
      // stays PENDING_UPLOAD and confirming again may succeed.
      if (error instanceof GraphQLError) return refuse(error);
      throw error;
    }
    let blobKey: string;
    try {
      blobKey = await storeBlob(key, hashed.sha256, hashed.size, contentType, stored.etag);
    } catch (error) {
      if (!(error instanceof ObjectChangedError)) throw error;
      // Gone rather than replaced: a concurrent confirm (or abort) took it, and that call decides.
      if (!(await storage.head(key))) throw badUserInput('This asset is not waiting for an upload.', field);
      return refuse(badUserInput('The upload changed while it was being confirmed; upload it again.', field));
    }
    const { sha256, size } = hashed;
    const done = await assets.transition(asset._id, ['PENDING_UPLOAD'], 'UPLOADED', { blobKey, sha256, size, contentType }, { unset: ['stagingKey'] });
    if (!done) {
      // Finished (or aborted) concurrently: give back this call's blob reference.
      const orphan = await blobs.release(sha256);
      if (orphan) await storage.delete(orphan);
      throw badUserInput('This asset is not waiting for an upload.', field);
    }
    outbox.notify();
    return done;
  }

  return {
    /**
     * GraphQL multipart: streams the file to storage while counting and hashing it, after its
     * first bytes proved its type. Refused files leave no blob, asset, quota use or event.
     */
    async uploadStream(viewer: Viewer, file: StreamedFile, input: { kind: MediaKind; purpose?: MediaPurpose | null }): Promise<MediaAssetRecord> {
      const user = requireSignedIn(viewer);
      const source = file.stream;
      let peeked: Awaited<ReturnType<typeof peek>> | undefined;
      try {
        const filename = cleanFilename(file.filename, 'file');
        const declared = checkDeclaredType(input.kind, file.mimetype, 'file');
        const current = await usage.get(user.id);
        const quota = usage.quotaOf(current, settings.quota);
        if (current.files + 1 > quota.files) throw quotaExceeded('files', 'file');
        if (current.bytes >= quota.bytes) throw quotaExceeded('bytes', 'file');
        peeked = await peek(source, SNIFF_BYTES);
        const contentType = await checkRealType(input.kind, declared, peeked.head, 'file');
        const kindLimit = Math.min(settings.maxBytes[input.kind], settings.maxGraphqlUploadBytes);
        const quotaLeft = quota.bytes - current.bytes;
        const limit = Math.min(kindLimit, quotaLeft);
        const assetId = newId();
        const key = incomingKeyFor(assetId);
        const measured = measure(peeked.rest, limit);
        try {
          await storage.put(key, measured.stream, { contentType });
        } catch (error) {
          await storage.delete(key);
          if (error instanceof TooManyBytesError || (error as { cause?: unknown }).cause instanceof TooManyBytesError) {
            throw limit === kindLimit ? badUserInput(`${input.kind} files may be at most ${kindLimit} bytes.`, 'file') : quotaExceeded('bytes', 'file');
          }
          throw error;
        }
        const { size, sha256 } = measured.result();
        if (size === 0) {
          await storage.delete(key);
          throw badUserInput('The file is empty.', 'file');
        }
        const reserved = await usage.reserve(user.id, size, 1, settings.quota);
        if (reserved !== 'reserved') {
          await storage.delete(key);
          throw quotaExceeded(reserved, 'file');
        }
        let blobKey: string;
        try {
          blobKey = await storeBlob(key, sha256, size, contentType);
        } catch (error) {
          await usage.release(user.id, size, 1);
          await storage.delete(key);
          throw error;
        }
        const at = now();
        const asset = newAsset(
          { assetId, ownerId: user.id, kind: input.kind, purpose: input.purpose, filename, contentType, size, at },
          {
            status: 'UPLOADED',
            blobKey,
            sha256,
            upload: { method: 'GRAPHQL_MULTIPART' },
          },
        );
        const saved = await assets.insert(asset, [mediaEntered(asset, 'UPLOADED', at)]);
        outbox.notify();
        return saved;
      } catch (error) {
        // Read what is left of the part so the multipart request (and any file after it) completes.
        await (peeked ? peeked.drain() : drainStream(source));
        throw error;
      }
    },

    /** Presigned direct upload: checks and reserves first, then hands out a PUT URL (15 min by default). */
    async createUpload(viewer: Viewer, input: AnnouncedFile): Promise<{ asset: MediaAssetRecord; request: PresignedRequest }> {
      const user = requireSignedIn(viewer);
      const { filename, contentType, size, sha256 } = await announce(user, input);
      const assetId = newId();
      const at = now();
      const expiresAt = new Date(at.getTime() + settings.urlTtl.upload * 1000);
      try {
        const stagingKey = stagingKeyFor(assetId);
        const request = await storage.presignPut(stagingKey, { expiresAt, contentType, contentLength: size, ...(sha256 ? { sha256 } : {}) });
        const asset = newAsset(
          { assetId, ownerId: user.id, kind: input.kind, purpose: input.purpose, filename, contentType, size, at },
          {
            status: 'PENDING_UPLOAD',
            stagingKey,
            upload: { method: 'PRESIGNED_PUT', declaredSize: size, expiresAt: request.expiresAt, ...(sha256 ? { sha256 } : {}) },
          },
        );
        const saved = await assets.insert(asset, [mediaEntered(asset, 'PENDING_UPLOAD', at)]);
        outbox.notify();
        return { asset: saved, request };
      } catch (error) {
        await usage.release(user.id, size, 1);
        throw error;
      }
    },

    async confirmUpload(viewer: Viewer, rawId: string): Promise<MediaAssetRecord> {
      const { asset } = await ownPendingUpload(viewer, rawId, 'assetId');
      if (asset.upload?.method !== 'PRESIGNED_PUT') throw badUserInput('This is a multipart upload: complete it with completeMultipartUpload.', 'assetId');
      return finishDirectUpload(asset, 'assetId');
    },

    /** Resumable upload in parts of `settings.partSizeBytes`; the upload itself lives until the clean-up age. */
    async createMultipartUpload(viewer: Viewer, input: AnnouncedFile) {
      const user = requireSignedIn(viewer);
      const { filename, contentType, size, sha256 } = await announce(user, input);
      const assetId = newId();
      const at = now();
      try {
        const partSize = settings.partSizeBytes;
        const partCount = Math.max(1, Math.ceil(size / partSize));
        if (partCount > 10_000) throw badUserInput('The file needs more than 10000 parts; it is too large.', 'input.size');
        const key = stagingKeyFor(assetId);
        const uploadId = await storage.createMultipartUpload(key, { contentType });
        const expiresAt = new Date(at.getTime() + settings.incompleteUploadMaxAgeMs);
        const asset = newAsset(
          { assetId, ownerId: user.id, kind: input.kind, purpose: input.purpose, filename, contentType, size, at },
          {
            status: 'PENDING_UPLOAD',
            stagingKey: key,
            upload: { method: 'MULTIPART', declaredSize: size, expiresAt, uploadId, partSize, partCount, ...(sha256 ? { sha256 } : {}) },
          },
        );
        const saved = await assets.insert(asset, [mediaEntered(asset, 'PENDING_UPLOAD', at)]);
        outbox.notify();
        const first = Array.from({ length: Math.min(partCount, MAX_PART_URLS) }, (_, index) => index + 1);
        return { asset: saved, partSize, partCount, parts: await this.partUrlsOf(saved, first) };
      } catch (error) {
        await usage.release(user.id, size, 1);
        throw error;
      }
    },

    async partUrlsOf(asset: MediaAssetRecord, partNumbers: readonly number[]) {
      const upload = asset.upload;
      if (upload?.method !== 'MULTIPART') throw badUserInput('This is not a multipart upload.', 'assetId');
      const expiresAt = new Date(now().getTime() + settings.urlTtl.upload * 1000);
      return Promise.all(
        partNumbers.map(async (partNumber) => {
          // Every part but the last is exactly partSize; the URL is bound to that length.
          const contentLength = partNumber < upload.partCount ? upload.partSize : upload.declaredSize - (upload.partCount - 1) * upload.partSize;
          const request = await storage.presignPart(asset.stagingKey!, upload.uploadId, partNumber, { expiresAt, contentLength });
          return { partNumber, url: request.url, expiresAt: request.expiresAt };
        }),
      );
    },

    async uploadPartUrls(viewer: Viewer, rawId: string, partNumbers: readonly number[]) {
      const { asset } = await ownPendingUpload(viewer, rawId, 'assetId');
      if (asset.upload?.method !== 'MULTIPART') throw badUserInput('This is not a multipart upload.', 'assetId');
      const { partCount } = asset.upload;
      if (partNumbers.length === 0 || partNumbers.length > MAX_PART_URLS) throw badUserInput(`Ask for 1 to ${MAX_PART_URLS} parts at a time.`, 'partNumbers');
      if (partNumbers.some((n) => !Number.isInteger(n) || n < 1 || n > partCount))
        throw badUserInput(`Part numbers run from 1 to ${partCount}.`, 'partNumbers');
      return this.partUrlsOf(asset, [...new Set(partNumbers)]);
    },

    async completeMultipartUpload(viewer: Viewer, rawId: string, parts: readonly { partNumber: number; etag: string }[]): Promise<MediaAssetRecord> {
      const { asset } = await ownPendingUpload(viewer, rawId, 'assetId');
      const upload = asset.upload;
      if (upload?.method !== 'MULTIPART') throw badUserInput('This is not a multipart upload: confirm it with confirmUpload.', 'assetId');
      const numbers = parts.map((part) => part.partNumber).sort((a, b) => a - b);
      if (numbers.length !== upload.partCount || numbers.some((n, index) => n !== index + 1)) {
        throw badUserInput(`Send every part from 1 to ${upload.partCount}, each once.`, 'parts');
      }
      try {
        await storage.completeMultipartUpload(asset.stagingKey!, upload.uploadId, parts);
      } catch (error) {
        if (error instanceof StorageUnavailableError) throw error;
        throw badUserInput(`The parts could not be assembled: ${error instanceof Error ? error.message : 'unknown error'}.`, 'parts');
      }
      return finishDirectUpload(asset, 'assetId');
    },

    /**
     * Whether the staged upload at `key` may still receive bytes: the embedded upload route asks
     * before and after storing a body, and the clean-up before removing a staged object.
     */
    async stagedUploadState(key: string): Promise<StagedUploadState> {
      const assetId = assetIdOfStagingKey(key);
      const asset = assetId ? await assets.findById(assetId) : null;
      if (!asset || asset.deletedAt) return 'gone';
      // An expired presigned URL is refused by its signature already; the clean-up then releases the asset.
      return asset.status === 'PENDING_UPLOAD' && asset.stagingKey === key ? 'awaiting' : 'closed';
    },

    /** Abandons an upload that has not completed: its parts or bytes go, and so does its reservation. */
    async abortUpload(viewer: Viewer, rawId: string): Promise<boolean> {
      const { asset } = await ownPendingUpload(viewer, rawId, 'assetId');
      await releaseAsset({ assets, blobs, usage, storage, outbox }, asset, now());
      return true;
    },
  };
}

/** Reads a stream to its end, ignoring its bytes and errors. */
async function drainStream(stream: Readable): Promise<void> {
  try {
    for await (const _chunk of stream) {
      // discard
    }
  } catch {
    // The client went away; nothing left to read.
  }
}
