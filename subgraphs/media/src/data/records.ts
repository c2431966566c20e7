import type { StoredDocument } from '@skillgraph/platform';

export const MEDIA_KINDS = ['IMAGE', 'VIDEO', 'DOCUMENT', 'AUDIO'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The lifecycle, in order; see design §6. */
export const MEDIA_STATUSES = ['PENDING_UPLOAD', 'UPLOADED', 'SCANNING', 'INFECTED', 'CLEAN', 'PROCESSING', 'READY', 'FAILED'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/**
 * Where an asset is used. Both kinds keep their target id at a fixed path (`attachedTo.courseId`,
 * `attachedTo.lessonId`), so a batch of courses or lessons is one `$in` query on one index.
 */
export type MediaAttachment =
  | { kind: 'COURSE_COVER'; courseId: string; attachedAt: Date }
  | { kind: 'LESSON'; lessonId: string; attachedAt: Date };

/** An uploaded file as stored. */
export interface MediaAssetRecord extends StoredDocument {
  kind: MediaKind;
  /** Cleaned for display; never used as a storage key. */
  filename: string;
  contentType: string;
  /** Bytes. */
  size: number;
  status: MediaStatus;
  ownerId: string;
  createdAt: Date;
  /** Absent while the asset is not used anywhere. */
  attachedTo?: MediaAttachment;
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
