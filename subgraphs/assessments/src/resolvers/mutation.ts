import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  createAssessment: (_parent, { input }, { viewer, assessmentService }) => assessmentService.createAssessment(viewer, input),
  updateAssessment: (_parent, { id, input }, { viewer, assessmentService }) => assessmentService.updateAssessment(viewer, id, input),
  archiveAssessment: (_parent, { id }, { viewer, assessmentService }) => assessmentService.archiveAssessment(viewer, id),
  deleteAssessment: (_parent, { id }, { viewer, assessmentService }) => assessmentService.deleteAssessment(viewer, id),
  startAttempt: (_parent, { assessmentId }, { viewer, attemptService }) => attemptService.startAttempt(viewer, assessmentId),
  submitAttempt: (_parent, { attemptId, answers }, { viewer, attemptService }) => attemptService.submitAttempt(viewer, attemptId, answers),
  setCertificatePolicy: async (_parent, { courseId, policy }, { viewer, assessmentService }) => ({ id: (await assessmentService.setCertificatePolicy(viewer, courseId, policy))._id }),
  revokeCertificate: (_parent, { certificateId, reason }, { viewer, certificateService }) => certificateService.revoke(viewer, certificateId, reason),
};
