import { isId } from '@skillgraph/platform';
import type { AssessmentResolvers } from '../generated/resolvers-types';
import { visibleAssessment } from './visible-assessment';

export const Assessment: AssessmentResolvers = {
  // The same rule as `Query.assessment`: a reference from another subgraph is no way around it.
  __resolveReference: ({ id }, context) => (isId(id) ? visibleAssessment(id, context) : null),
  id: (assessment) => assessment._id,
  course: (assessment) => ({ id: assessment.courseId }),
};
