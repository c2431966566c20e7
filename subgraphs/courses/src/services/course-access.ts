import { forbidden, unauthenticated, type UserViewer, type Viewer } from '@skillgraph/platform';
import type { CourseScope } from '../data/course-repository';
import type { CourseRecord } from '../data/records';

/** The course's own instructor and admins may change it, whatever the instructor's role is today. */
export const canManage = (viewer: Viewer, course: CourseRecord): boolean =>
  viewer.kind === 'user' && (viewer.role === 'ADMIN' || viewer.id === course.instructorId);

/** Unpublished courses are drafts: only the people who may change them see them. */
export const canView = (viewer: Viewer, course: CourseRecord): boolean => course.published || canManage(viewer, course);

export const visibleOrNull = (viewer: Viewer, course: CourseRecord | null): CourseRecord | null =>
  course && canView(viewer, course) ? course : null;

/** The same rule as `canView`, as a scope the repository turns into a query. */
export function catalogueScope(viewer: Viewer): CourseScope {
  if (viewer.kind === 'anonymous') return { kind: 'published-or-taught-by' };
  if (viewer.role === 'ADMIN') return { kind: 'all' };
  return { kind: 'published-or-taught-by', instructorId: viewer.id };
}

export function requireSignedIn(viewer: Viewer): UserViewer {
  if (viewer.kind !== 'user') throw unauthenticated();
  return viewer;
}

/** Only instructors and admins create courses. */
export function requireAuthor(viewer: Viewer): UserViewer {
  const user = requireSignedIn(viewer);
  if (user.role !== 'INSTRUCTOR' && user.role !== 'ADMIN') throw forbidden('Only instructors and admins can create courses.');
  return user;
}

export function requireManager(viewer: UserViewer, course: CourseRecord): void {
  if (!canManage(viewer, course)) throw forbidden('Only the course instructor or an admin can change this course.');
}
