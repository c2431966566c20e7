import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  createCourse: (_parent, { input }, { viewer, courseService }) => courseService.createCourse(viewer, input),
  updateCourse: (_parent, { id, input }, { viewer, courseService }) => courseService.updateCourse(viewer, id, input),
  publishCourse: (_parent, { id }, { viewer, courseService }) => courseService.publishCourse(viewer, id),
  addLesson: (_parent, { courseId, input }, { viewer, courseService }) => courseService.addLesson(viewer, courseId, input),
};
