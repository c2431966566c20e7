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
