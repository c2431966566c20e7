import { isId, notFound } from '@skillgraph/platform';
import type { AttemptResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import type { AssessmentRecord, AttemptRecord } from '../data/records';
import { resultsFor, visibleAttempt } from '../services/attempt-reads';

async function assessmentOf(attempt: AttemptRecord, { loaders }: Context): Promise<AssessmentRecord> {
  const assessment = await loaders.assessmentById.load(attempt.assessmentId);
  if (!assessment) throw notFound('Assessment');
  return assessment;
}

export const Attempt: AttemptResolvers = {
  // The same rule as `Query.attempt`: the learner, the course's instructor, admins.
  __resolveReference: ({ id }, context) => (isId(id) ? visibleAttempt(id, context) : null),
  id: (attempt) => attempt._id,
  // Whoever may see the attempt may see what was attempted, even once archived.
  assessment: (attempt, _args, context) => assessmentOf(attempt, context),
  user: (attempt) => ({ id: attempt.userId }),
  questions: async (attempt, _args, context) => (await context.attemptService.contentFor(attempt, await assessmentOf(attempt, context))).questions,
  results: (attempt, _args, context) => resultsFor(attempt, context),
};
