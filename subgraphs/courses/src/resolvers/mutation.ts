import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  createCourse: (_parent, { input }, { viewer, courseService }) => courseService.createCourse(viewer, input),
  updateCourse: (_parent, { id, input }, { viewer, courseService }) => courseService.updateCourse(viewer, id, input),
  publishCourse: (_parent, { id }, { viewer, courseService }) => courseService.publishCourse(viewer, id),
  unpublishCourse: (_parent, { id }, { viewer, courseService }) => courseService.unpublishCourse(viewer, id),
  archiveCourse: (_parent, { id }, { viewer, courseService }) => courseService.archiveCourse(viewer, id),
  addLesson: (_parent, { courseId, input }, { viewer, courseService }) => courseService.addLesson(viewer, courseId, input),
  updateLesson: (_parent, { lessonId, input }, { viewer, courseService }) => courseService.updateLesson(viewer, lessonId, input),
  removeLesson: (_parent, { lessonId }, { viewer, courseService }) => courseService.removeLesson(viewer, lessonId),
  reorderLessons: (_parent, { courseId, lessonIds }, { viewer, courseService }) => courseService.reorderLessons(viewer, courseId, lessonIds),
  enroll: (_parent, { courseId }, { viewer, enrollmentService }) => enrollmentService.enroll(viewer, courseId),
  unenroll: (_parent, { courseId }, { viewer, enrollmentService }) => enrollmentService.unenroll(viewer, courseId),
  recordLessonProgress: (_parent, { lessonId, input }, { viewer, enrollmentService }) => enrollmentService.recordLessonProgress(viewer, lessonId, input),
};
