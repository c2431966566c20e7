import { lessonsOf } from '../data/lessons';
import type { CourseRecord, EnrollmentRecord, LessonProgressRecord, LessonRecord } from '../data/records';

/** What `Enrollment.progress` shows, computed from the enrollment and the course as it is now. */
export interface ProgressSummary {
  completedLessons: number;
  totalLessons: number;
  /** 0 to 100, rounded to one decimal. */
  percent: number;
  lastLesson: LessonRecord | null;
  lastPosition: number | null;
}

export interface LessonProgressView extends LessonProgressRecord {
  lesson: LessonRecord;
}

/** Counts only the course's current lessons: progress on a removed lesson stays stored but no longer counts. */
export function summarizeProgress(enrollment: EnrollmentRecord, course: CourseRecord): ProgressSummary {
  const lessons = lessonsOf(course);
  const completedLessons = lessons.filter((lesson) => enrollment.lessons[lesson._id]?.completed === true).length;
  const totalLessons = lessons.length;
  const lastLesson = lessons.find((lesson) => lesson._id === enrollment.lastLessonId) ?? null;
  return {
    completedLessons,
    totalLessons,
    percent: totalLessons === 0 ? 0 : Math.round((completedLessons / totalLessons) * 1000) / 10,
    lastLesson,
    lastPosition: lastLesson ? enrollment.lastPosition : null,
  };
}

/** Every lesson of the course in teaching order, with what the learner did in it (zeros when nothing). */
export function lessonProgressList(enrollment: EnrollmentRecord, course: CourseRecord): LessonProgressView[] {
  // Each aspect is written by its own conditional update, so a stored entry may lack some of them.
  return lessonsOf(course).map((lesson) => ({
    lesson,
    positionSeconds: 0,
    watchedSeconds: 0,
    completed: false,
    completedAt: null,
    updatedAt: enrollment.enrolledAt,
    ...enrollment.lessons[lesson._id],
  }));
}

/** Every current lesson complete and every active required assessment passed. */
export function isCourseDone(enrollment: EnrollmentRecord, course: CourseRecord, requiredAssessmentIds: readonly string[]): boolean {
  if (course.lessons.length === 0) return false;
  const lessonsDone = course.lessons.every((lesson) => enrollment.lessons[lesson._id]?.completed === true);
  return lessonsDone && requiredAssessmentIds.every((id) => enrollment.passedAssessmentIds.includes(id));
}
