import type { StoredDocument } from '@skillgraph/platform';

export const MEDIA_KINDS = ['IMAGE', 'VIDEO', 'DOCUMENT', 'AUDIO'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The lifecycle, in order; see design §6. */
export const MEDIA_STATUSES = ['PENDING_UPLOAD', 'UPLOADED', 'SCANNING', 'INFECTED', 'CLEAN', 'PROCESSING', 'READY', 'FAILED'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** What a file is for; decides how long its URLs live (docs/media.md) and whether they are signed. */
export const MEDIA_PURPOSES = ['COURSE_MATERIAL', 'COURSE_COVER', 'PUBLIC', 'WEBINAR_RECORDING', 'VERIFICATION_DOCUMENT'] as const;
export type MediaPurpose = (typeof MEDIA_PURPOSES)[number];

/** The scanner's word on the original bytes; NOT_SCANNED when no scanner is configured (said explicitly). */
export type ScanVerdict = 'CLEAN' | 'INFECTED' | 'NOT_SCANNED';

/**
 * Where an asset is used. Both kinds keep their target id at a fixed path (`attachedTo.courseId`,
 * `attachedTo.lessonId`), so a batch of courses or lessons is one `$in` query on one index.
 */
export type MediaAttachment =
  | { kind: 'COURSE_COVER'; courseId: string; attachedAt: Date }
  | { kind: 'LESSON'; lessonId: string; courseId?: string; attachedAt: Date };

/** How the bytes arrive; direct uploads remember what the client announced until they are confirmed. */
export type MediaUpload =
  | { method: 'GRAPHQL_MULTIPART' }
  | { method: 'PRESIGNED_PUT'; declaredSize: number; expiresAt: Date; sha256?: string }
  | { method: 'MULTIPART'; declaredSize: number; expiresAt: Date; uploadId: string; partSize: number; partCount: number; sha256?: string };

/** One produced thumbnail, stored under the asset's derived prefix. */
export interface ThumbnailRendition {
  width: number;
  height?: number;
  /** Storage key, e.g. `assets/<id>/thumbnails/320.webp`. */
  key: string;
  contentType: string;
}

/** Characters of extracted text kept on the record (the whole text stays in storage at `textKey`). */
export const MAX_RECORDED_TEXT = 1_000_000;

/** What processing produced (the worker fills it); every key lives under `derivedPrefix`. */
export interface MediaRenditions {
  thumbnails?: ThumbnailRendition[];
  /** HLS: the folder holding every playlist and segment, and its master playlist. */
  hls?: { folder: string; masterKey: string };
  posterKey?: string;
  textKey?: string;
  pageCount?: number;
  durationSeconds?: number;
  width?: number;
  height?: number;
}

/** An uploaded file as stored. */
export interface MediaAssetRecord extends StoredDocument {
  kind: MediaKind;
  purpose?: MediaPurpose;
  /** Cleaned for display; never used as a storage key. */
  filename: string;
  contentType: string;
  /** Bytes (a JS number is exact up to 2^53, far beyond any allowed file). */
  size: number;
  status: MediaStatus;
  ownerId: string;
  createdAt: Date;
  updatedAt?: Date;
  /** Absent while the asset is not used anywhere. */
  attachedTo?: MediaAttachment;
  /** Storage key of the original bytes (a blob shared by every asset with the same SHA-256). */
  blobKey?: string;
  /** Hex SHA-256 of the original bytes, once they are stored. */
  sha256?: string;
  /** Storage key the bytes are uploaded to before they are confirmed (direct uploads). */
  stagingKey?: string;
  upload?: MediaUpload;
  /** Renditions and other derivatives live under this prefix (`assets/<id>/`). */
  derivedPrefix?: string;
  scan?: { verdict: ScanVerdict; at: Date; detail?: string };
  /** Processing progress, 0–100, while PROCESSING. */
  progress?: number;
  failureReason?: string;
  renditions?: MediaRenditions;
  /** Text extracted from a document (its first `MAX_RECORDED_TEXT` characters), searchable by `myMedia`. */
  text?: string;
  /** Soft delete: the asset is gone for everyone; its blob goes when nothing else refers to it. */
  deletedAt?: Date;
}

/** One stored original, shared by every asset with the same bytes (dedup by SHA-256). */
export interface BlobRecord extends StoredDocument {
  /** `_id` is the hex SHA-256. */
  key: string;
  size: number;
  contentType: string;
  /** How many live (not deleted) assets point here; the blob is removed when it reaches 0. */
  references: number;
  createdAt: Date;
}

/** Bytes and files a user holds; `reservedBytes` counts direct uploads announced but not yet confirmed. */
export interface MediaUsageRecord extends StoredDocument {
  /** `_id` is the user id. */
  bytes: number;
  files: number;
  /** Set by an admin; absent means the configured default. */
  quotaBytes?: number;
  quotaFiles?: number;
}

/** A course as the media subgraph knows it, projected from `course.events`. */
export interface CourseViewRecord extends StoredDocument {
  instructorId: string;
  title: string;
  published: boolean;
  lessonIds: string[];
}

/** A course known here only by id; the courses subgraph owns it. */
export interface CourseReference {
  id: string;
}

/** A lesson known here only by id; the courses subgraph owns it. */
export interface LessonReference {
  id: string;
}

/** A user known here only by id; the users subgraph owns it. */
export interface UserReference {
  id: string;
}
