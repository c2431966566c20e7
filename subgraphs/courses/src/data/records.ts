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
  /** Archived courses are out of the catalogue for good and take no new enrollments; absent means false. */
  archived?: boolean;
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

export type EnrollmentStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

/** One learner's progress in one lesson, embedded in the enrollment under the lesson id. */
export interface LessonProgressRecord {
  /** The last position reported (seconds): where "resume" starts. Last report wins. */
  positionSeconds: number;
  /** The furthest position ever reported (seconds); it only grows. */
  watchedSeconds: number;
  /** Once true, never false again: a late, older report cannot undo a completion. */
  completed: boolean;
  completedAt: Date | null;
  updatedAt: Date;
}

/**
 * One learner in one course (unique per user and course). Progress lives inside it, so each
 * progress change and its event (LESSON_COMPLETED, COURSE_COMPLETED) is one single-document write.
 */
export interface EnrollmentRecord extends StoredDocument {
  userId: string;
  courseId: string;
  status: EnrollmentStatus;
  enrolledAt: Date;
  completedAt: Date | null;
  cancelledAt: Date | null;
  /** Keyed by lesson id; lessons the learner never opened are absent. */
  lessons: Record<string, LessonProgressRecord>;
  lastLessonId: string | null;
  lastPosition: number | null;
  /** Best percentage per assessment, fed by ASSESSMENT_COMPLETED events. */
  bestPercentages: Record<string, number>;
  /** Assessments passed at least once, fed by ASSESSMENT_COMPLETED events. */
  passedAssessmentIds: string[];
}

/**
 * What this subgraph knows about an assessment (the assessments subgraph owns it): a projection of
 * assessment.events, so completion can require passing it without calling another service.
 */
export interface AssessmentViewRecord extends StoredDocument {
  courseId: string;
  required: boolean;
  /** False once archived or deleted: a retired assessment no longer gates completion. */
  active: boolean;
}
