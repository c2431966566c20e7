import type { EventHandlers, EventRef } from '@skillgraph/platform';
import { enrollmentViewId, type EnrollmentDirectory } from '../data/enrollment-directory';
import type { EnrollmentViewStatus } from '../data/records';

/**
 * Keeps `enrollments_view` (who may take a course's assessments) current from `course.events`, so
 * startAttempt never calls the courses subgraph.
 *
 * Idempotent by event: each event's status change goes through `applyOnce`, which records the
 * event id with the change; the first event of an enrollment creates the view first (insertOnce
 * on the natural key `userId:courseId`). One course's events arrive in order (key = course id),
 * so enrolled → left → enrolled again ends ACTIVE, on the first delivery and on any replay.
 */
export const ENROLLMENT_VIEW_GROUP = 'assessments.enrollment-view';

async function setStatus(directory: EnrollmentDirectory, userId: string, courseId: string, ref: EventRef, status: EnrollmentViewStatus): Promise<void> {
  const id = enrollmentViewId(userId, courseId);
  if ((await directory.applyOnce(id, ref, status)) !== 'not-found') return;
  // Both writes are safe to repeat: a crash between them leaves a view that redelivery completes.
  await directory.insertIfAbsent({ _id: id, userId, courseId, status });
  await directory.applyOnce(id, ref, status);
}

export function enrollmentViewHandlers(directory: EnrollmentDirectory): EventHandlers {
  return {
    COURSE_ENROLLED: (event, { ref }) => setStatus(directory, event.user_id, event.course_id, ref, 'ACTIVE'),
    COURSE_UNENROLLED: (event, { ref }) => setStatus(directory, event.user_id, event.course_id, ref, 'CANCELLED'),
    COURSE_COMPLETED: (event, { ref }) => setStatus(directory, event.user_id, event.course_id, ref, 'COMPLETED'),
  };
}
