import { isId } from '@skillgraph/platform';
import type { AssessmentResolvers } from '../generated/resolvers-types';
import { maxScoreOf } from '../data/defaults';
import { attemptsKey } from '../data/loaders';
import { canAuthor } from '../services/assessment-access';
import { visibleAssessment } from './visible-assessment';

export const Assessment: AssessmentResolvers = {
  // The same rule as `Query.assessment`: a reference from another subgraph is no way around it.
  __resolveReference: ({ id }, context) => (isId(id) ? visibleAssessment(id, context) : null),
  id: (assessment) => assessment._id,
  course: (assessment) => ({ id: assessment.courseId }),
  maxScore: (assessment) => maxScoreOf(assessment),
  // DELETED never reaches a client: visibleAssessment and the course list leave it out.
  status: (assessment) => (assessment.status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE'),
  viewerAttempts: (assessment, _args, { viewer, loaders }) => (viewer.kind === 'user' ? loaders.attemptsOf.load(attemptsKey(viewer.id, assessment._id)) : []),
  attempts: async (assessment, _args, { viewer, loaders }) => {
    const course = await loaders.courseById.load(assessment.courseId);
    const manages = viewer.kind === 'user' && (viewer.role === 'ADMIN' || (course !== null && canAuthor(viewer, course)));
    return manages ? loaders.attemptsByAssessmentId.load(assessment._id) : null;
  },
};
