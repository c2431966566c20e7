import type { StoredDocument } from '@skillgraph/platform';

/** A lesson as embedded in its course's document. */
export interface StoredLesson {
  _id: string;
  title: string;
  /** 1-based; every write renumbers the lessons, so it always equals the array index + 1. */
  position: number;
  durationMinutes: number;
}

/**
 * A course as stored. Its lessons live inside it, so every change to a course and its lessons is
 * one atomic single-document update; no multi-document transaction is ever needed.
 */
export interface CourseRecord extends StoredDocument {
  title: string;
  description: string;
  instructorId: string;
  published: boolean;
  /** In teaching order. */
  lessons: StoredLesson[];
  /** Bumped by every write; a writer updates only the version it read (optimistic concurrency). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A lesson as resolvers see it: the embedded lesson plus the course it sits in. */
export interface LessonRecord extends StoredLesson {
  courseId: string;
}

/** A user known here only by id; the users subgraph owns everything else about them. */
export interface UserReference {
  id: string;
}
