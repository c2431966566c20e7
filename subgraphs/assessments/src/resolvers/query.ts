import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';
import { visibleAssessment } from './visible-assessment';

export const Query: QueryResolvers = {
  assessment: (_parent, { id }, context) => visibleAssessment(parseId(id), context),
};
