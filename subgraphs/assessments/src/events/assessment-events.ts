import { createEvent, type AnyEvent } from '@skillgraph/platform';
import { maxScoreOf } from '../data/defaults';
import type { AssessmentRecord, AttemptRecord, CertificatePolicy, CertificateRecord } from '../data/records';

/**
 * What the assessments subgraph publishes: `assessment.events` (key = assessment id) and
 * `certification.events` (key = certificate id); shapes in docs/events.md. ASSESSMENT_COMPLETED
 * and CERTIFICATION_ISSUED carry exactly reference doc 000's fields.
 */

export function assessmentCreated(assessment: AssessmentRecord): AnyEvent[] {
  return [
    createEvent(
      'ASSESSMENT_CREATED',
      {
        assessment_id: assessment._id,
        course_id: assessment.courseId,
        title: assessment.title,
        max_score: maxScoreOf(assessment),
        passing_percentage: assessment.passingPercentage,
        required: assessment.required,
        final: assessment.final,
      },
      { at: assessment.createdAt },
    ),
  ];
}

export function assessmentChanged(before: AssessmentRecord, after: AssessmentRecord, changedFields: string[], at: Date): AnyEvent[] {
  if (after.status === 'DELETED' && before.status !== 'DELETED') return [createEvent('ASSESSMENT_DELETED', { assessment_id: after._id, course_id: after.courseId }, { at })];
  if (after.status === 'ARCHIVED' && before.status !== 'ARCHIVED') return [createEvent('ASSESSMENT_ARCHIVED', { assessment_id: after._id, course_id: after.courseId }, { at })];
  if (changedFields.length === 0) return [];
  return [
    createEvent(
      'ASSESSMENT_UPDATED',
      {
        assessment_id: after._id,
        course_id: after.courseId,
        assessment_version: after.version,
        changed_fields: changedFields,
        title: after.title,
        max_score: maxScoreOf(after),
        passing_percentage: after.passingPercentage,
        required: after.required,
        final: after.final,
      },
      { at },
    ),
  ];
}

/** The two events of one graded submission, in the order they happened. */
export function attemptGraded(attempt: AttemptRecord, score: number, percentage: number, passed: boolean, at: Date): AnyEvent[] {
  const ids = { user_id: attempt.userId, assessment_id: attempt.assessmentId, course_id: attempt.courseId };
  return [
    createEvent('ASSESSMENT_SUBMITTED', { ...ids, submission_id: attempt._id, attempt: attempt.number }, { at }),
    createEvent('ASSESSMENT_COMPLETED', { ...ids, score, percentage, passed }, { at }),
  ];
}

export const certificationIssued = (certificate: CertificateRecord): AnyEvent =>
  createEvent(
    'CERTIFICATION_ISSUED',
    {
      user_id: certificate.userId,
      course_id: certificate.courseId,
      assessment_id: certificate.assessmentId,
      certificate_id: certificate.certificateId,
      score: certificate.score,
      percentage: certificate.percentage,
    },
    { at: certificate.issuedAt },
  );

export function certificateRevoked(certificate: CertificateRecord, revokedBy: string, reason: string | null, at: Date): AnyEvent {
  const payload = { certificate_id: certificate.certificateId, user_id: certificate.userId, course_id: certificate.courseId, revoked_by: revokedBy };
  return createEvent('CERTIFICATE_REVOKED', reason ? { ...payload, reason } : payload, { at });
}

export const certificatePolicyChanged = (courseId: string, policy: CertificatePolicy, changedBy: string, at: Date): AnyEvent =>
  createEvent('CERTIFICATE_POLICY_CHANGED', { course_id: courseId, policy, changed_by: changedBy }, { at });
