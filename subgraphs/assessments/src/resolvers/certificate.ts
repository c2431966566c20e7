import { isId } from '@skillgraph/platform';
import type { CertificateResolvers, CertificateVerificationResolvers, UserResolvers } from '../generated/resolvers-types';
import { displayVerificationCode } from '../services/certificate-code';
import { canSeeVerificationCode, holderCertificates, visibleCertificate } from '../services/certificate-reads';

export const Certificate: CertificateResolvers = {
  // The same rule as `Query.certificate`: the holder, the course's instructor, admins.
  __resolveReference: ({ id }, context) => (isId(id) ? visibleCertificate(id, context) : null),
  id: (certificate) => certificate._id,
  user: (certificate) => ({ id: certificate.userId }),
  course: (certificate) => ({ id: certificate.courseId }),
  assessment: (certificate, _args, { loaders }) => loaders.assessmentById.load(certificate.assessmentId),
  pdfUrl: (certificate, _args, { viewer, certificateLinks }) =>
    certificateLinks.pdfUrl(certificate.certificateId, canSeeVerificationCode(viewer, certificate) ? 'holder' : 'public'),
  verificationCode: async (certificate, _args, { viewer, certificateService }) =>
    canSeeVerificationCode(viewer, certificate) ? displayVerificationCode(await certificateService.codeOf(certificate)) : null,
  verificationUrl: async (certificate, _args, { viewer, certificateService, certificateLinks }) =>
    canSeeVerificationCode(viewer, certificate)
      ? certificateLinks.verificationUrl(certificate.certificateId, await certificateService.codeOf(certificate))
      : null,
};

export const CertificateVerification: CertificateVerificationResolvers = {};

export const User: UserResolvers = {
  // Nothing about users is stored here; the id is all `certificates` needs.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  certificates: (user, _args, context) => holderCertificates(user.id, context),
};
