import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  createAssessment: (_parent, { input }, { viewer, assessmentService }) => assessmentService.createAssessment(viewer, input),
};
