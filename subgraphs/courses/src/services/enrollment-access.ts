import type { Viewer } from '@skillgraph/platform';
import type { CourseRecord, EnrollmentRecord } from '../data/records';
import { canManage } from './course-access';

/**
 * Learners see their own enrollments and progress; a course's instructor sees those of the course;
 * admins see all. One rule for root fields, entity references and nested fields alike.
 */
export function canSeeEnrollment(viewer: Viewer, enrollment: EnrollmentRecord, course: CourseRecord | null): boolean {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'ADMIN' || viewer.id === enrollment.userId) return true;
  return course !== null && canManage(viewer, course);
}

/** Whose enrollments `User.enrollments` shows this viewer: all, only in courses the viewer teaches, or none. */
export function enrollmentScope(viewer: Viewer, learnerId: string): 'all' | 'taught' | 'none' {
  if (viewer.kind !== 'user') return 'none';
  if (viewer.role === 'ADMIN' || viewer.id === learnerId) return 'all';
  return viewer.role === 'INSTRUCTOR' ? 'taught' : 'none';
}
