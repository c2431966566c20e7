import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';
import { visibleAttempt } from '../services/attempt-reads';
import { verification, visibleCertificate } from '../services/certificate-reads';
import { visibleAssessment } from './visible-assessment';

export const Query: QueryResolvers = {
  assessment: (_parent, { id }, context) => visibleAssessment(parseId(id), context),
  attempt: (_parent, { id }, context) => visibleAttempt(parseId(id), context),
  certificate: (_parent, { id }, context) => visibleCertificate(parseId(id), context),
  verifyCertificate: async (_parent, { certificateId, code }, context) => {
    const lookup = await context.certificateService.verify(certificateId, code);
    return lookup && verification(lookup, context);
  },
};
