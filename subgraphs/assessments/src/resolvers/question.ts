import type { QuestionResolvers } from '../generated/resolvers-types';

export const Question: QuestionResolvers = {
  id: (question) => question._id,
};
