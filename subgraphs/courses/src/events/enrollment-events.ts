import { createEvent, type AnyEvent } from '@skillgraph/platform';
import type { CourseRecord, EnrollmentRecord } from '../data/records';

/**
 * The learning-loop events of the courses subgraph (topic `course.events`, key = course id, so one
 * course's enrollments, progress and changes stay in order for every consumer).
 * COURSE_ENROLLED carries exactly reference doc 000's fields.
 */

export const courseEnrolled = (userId: string, course: CourseRecord, at: Date): AnyEvent =>
  createEvent('COURSE_ENROLLED', { user_id: userId, course_id: course._id, course_title: course.title }, { at });

export const courseUnenrolled = (enrollment: EnrollmentRecord, course: CourseRecord, at: Date): AnyEvent =>
  createEvent('COURSE_UNENROLLED', { user_id: enrollment.userId, course_id: course._id, course_title: course.title }, { at });

export const lessonCompleted = (enrollment: EnrollmentRecord, lessonId: string, at: Date): AnyEvent =>
  createEvent(
    'LESSON_COMPLETED',
    { user_id: enrollment.userId, course_id: enrollment.courseId, lesson_id: lessonId, enrollment_id: enrollment._id, completed_at: at.toISOString() },
    { at },
  );

export const courseCompleted = (enrollment: EnrollmentRecord, course: CourseRecord, at: Date): AnyEvent =>
  createEvent('COURSE_COMPLETED', { user_id: enrollment.userId, course_id: course._id, course_title: course.title, completed_at: at.toISOString() }, { at });
