import { forbidden, unauthenticated, type UserViewer, type Viewer } from '@skillgraph/platform';
import type { CourseViewRecord } from '../data/records';

/** The course's instructor and admins write its assessments. */
export const canAuthor = (viewer: Viewer, course: CourseViewRecord): boolean =>
  viewer.kind === 'user' && (viewer.role === 'ADMIN' || viewer.id === course.instructorId);

/**
 * Assessments are as visible as their course: a draft course's quizzes are for its instructor and
 * admins only. A course the projection does not know yet is treated as a draft, so an event that
 * has not arrived never widens access.
 */
export function canView(viewer: Viewer, course: CourseViewRecord | null): boolean {
  if (viewer.kind === 'user' && viewer.role === 'ADMIN') return true;
  return course !== null && (course.published || canAuthor(viewer, course));
}

export function requireSignedIn(viewer: Viewer): UserViewer {
  if (viewer.kind !== 'user') throw unauthenticated();
  return viewer;
}

export function requireAuthor(viewer: UserViewer, course: CourseViewRecord): void {
  if (!canAuthor(viewer, course)) throw forbidden("Only the course's instructor or an admin can add assessments to it.");
}

/** Attempts: the learner's own, the course's instructor, admins. */
export function canSeeAttempt(viewer: Viewer, attempt: { userId: string }, course: CourseViewRecord | null): boolean {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'ADMIN' || viewer.id === attempt.userId) return true;
  return course !== null && canAuthor(viewer, course);
}

/** Certificates: the holder, the course's instructor, admins (anyone may verify one by its public id). */
export const canSeeCertificate = canSeeAttempt;

/** The answer key is for the course's instructor and admins; learners get it only as the reveal setting allows. */
export const canSeeAnswerKey = (viewer: Viewer, course: CourseViewRecord | null): boolean =>
  viewer.kind === 'user' && (viewer.role === 'ADMIN' || (course !== null && canAuthor(viewer, course)));

export function requireAdmin(viewer: Viewer): UserViewer {
  const user = requireSignedIn(viewer);
  if (user.role !== 'ADMIN') throw forbidden('Only admins can do this.');
  return user;
}
