import { lessonsOf } from '../data/lessons';
import type { CourseRecord, EnrollmentRecord, LessonRecord } from '../data/records';

export interface LessonStatsFigures {
  lesson: LessonRecord;
  /** Learners (any status) who opened the lesson. */
  views: number;
  /** Mean furthest position reached, in seconds, over those who opened it. */
  averageWatchSeconds: number;
  /** Learners who completed it, as a share (0 to 1) of learners enrolled (not cancelled). */
  completionRate: number;
}

export interface CourseStatsFigures {
  enrolled: number;
  active: number;
  completed: number;
  cancelled: number;
  /** completed / enrolled, 0 to 1; 0 when nobody is enrolled. */
  completionRate: number;
  /** Mean of every learner's best percentage in each assessment they took; null when none did. */
  averageScore: number | null;
  lessons: LessonStatsFigures[];
  /** The lesson losing the most learners compared with the step before it; null with no learners. */
  dropOffLesson: LessonRecord | null;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Stats from the course and ALL its enrollments, loaded in one query: the work is in memory, so
 * the number of store queries does not grow with the number of learners.
 */
export function courseStats(course: CourseRecord, enrollments: readonly EnrollmentRecord[]): CourseStatsFigures {
  const current = enrollments.filter((enrollment) => enrollment.status !== 'CANCELLED');
  const enrolled = current.length;
  const completed = current.filter((enrollment) => enrollment.status === 'COMPLETED').length;
  const scores = enrollments.flatMap((enrollment) => Object.values(enrollment.bestPercentages ?? {}));

  const lessons = lessonsOf(course).map((lesson): LessonStatsFigures & { completions: number } => {
    const opened = enrollments.map((enrollment) => enrollment.lessons[lesson._id]).filter((progress) => progress !== undefined);
    const completions = current.filter((enrollment) => enrollment.lessons[lesson._id]?.completed === true).length;
    return {
      lesson,
      views: opened.length,
      averageWatchSeconds: round(mean(opened.map((progress) => progress.watchedSeconds ?? 0)), 2),
      completionRate: enrolled === 0 ? 0 : round(completions / enrolled),
      completions,
    };
  });

  let dropOffLesson: LessonRecord | null = null;
  let biggestDrop = 0;
  let before = enrolled;
  for (const stats of lessons) {
    const drop = before - stats.completions;
    if (drop > biggestDrop) {
      biggestDrop = drop;
      dropOffLesson = stats.lesson;
    }
    before = stats.completions;
  }

  return {
    enrolled,
    active: current.length - completed,
    completed,
    cancelled: enrollments.length - enrolled,
    completionRate: enrolled === 0 ? 0 : round(completed / enrolled),
    averageScore: scores.length === 0 ? null : round(mean(scores), 2),
    lessons: lessons.map(({ completions: _completions, ...stats }) => stats),
    dropOffLesson,
  };
}
