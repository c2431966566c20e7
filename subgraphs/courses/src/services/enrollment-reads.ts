import type { Connection, PageArgs, Viewer } from '@skillgraph/platform';
import type { Context } from '../context';
import type { CourseRecord, EnrollmentRecord, EnrollmentStatus } from '../data/records';
import { enrollmentKey } from '../data/loaders';
import { canManage } from './course-access';
import { courseStats, type CourseStatsFigures } from './course-stats';
import { canSeeEnrollment, enrollmentScope } from './enrollment-access';

/** Read rules for enrollments, shared by root fields, entity references and nested fields. */

/** The enrollment when it exists and the viewer may see it; both loads are batched. */
export async function visibleEnrollment(id: string, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<EnrollmentRecord | null> {
  const enrollment = await loaders.enrollmentById.load(id);
  if (!enrollment) return null;
  return canSeeEnrollment(viewer, enrollment, await loaders.courseById.load(enrollment.courseId)) ? enrollment : null;
}

export function viewerEnrollment(course: CourseRecord, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<EnrollmentRecord | null> | null {
  return viewer.kind === 'user' ? loaders.enrollmentOf.load(enrollmentKey(viewer.id, course._id)) : null;
}

export interface EnrollmentPageArgs extends PageArgs {
  status?: EnrollmentStatus | null;
}

const statusOf = (args: EnrollmentPageArgs) => (args.status == null ? {} : { status: args.status });

/** A course's enrollments for its managers; null for everyone else. */
export function courseEnrollments(course: CourseRecord, args: EnrollmentPageArgs, { viewer, enrollments }: Pick<Context, 'viewer' | 'enrollments'>): Promise<Connection<EnrollmentRecord>> | null {
  if (!canManage(viewer, course)) return null;
  return enrollments.list({ courseId: course._id, ...statusOf(args) }, args);
}

/** A person's enrollments as this viewer may see them; null when none of them may be seen. */
export async function learnerEnrollments(learnerId: string, args: EnrollmentPageArgs, { viewer, enrollments, loaders }: Context): Promise<Connection<EnrollmentRecord> | null> {
  const scope = enrollmentScope(viewer, learnerId);
  if (scope === 'none') return null;
  if (scope === 'all') return enrollments.list({ userId: learnerId, ...statusOf(args) }, args);
  const taught = await loaders.coursesByInstructorId.load((viewer as Extract<Viewer, { kind: 'user' }>).id);
  return enrollments.list({ userId: learnerId, courseIds: taught.map((course) => course._id), ...statusOf(args) }, args);
}

/** Stats for the course's managers; null for everyone else. Two queries whatever the class size. */
export async function visibleStats(course: CourseRecord, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<CourseStatsFigures | null> {
  if (!canManage(viewer, course)) return null;
  return courseStats(course, await loaders.enrollmentsByCourseId.load(course._id));
}
