import type { EventHandlers } from '@skillgraph/platform';
import type { CertificateService } from '../services/certificate-service';

/**
 * Issues certificates from this subgraph's own ASSESSMENT_COMPLETED events (and, for courses
 * that award them on completion, from COURSE_COMPLETED) rather than inside
 * submitAttempt: the grade commits first, and a crash before the certificate is written only
 * delays it, because the event is redelivered until the issuer succeeds. `issueFor` is idempotent
 * (one certificate per learner and course), so redelivery and duplicates issue nothing twice.
 */
export const CERTIFICATE_ISSUER_GROUP = 'assessments.certificate-issuer';

export function certificateIssuerHandlers(certificates: CertificateService): EventHandlers {
  return {
    // Courses that award the certificate on completion (Course.certificatePolicy).
    COURSE_COMPLETED: async (event) => {
      await certificates.issueOnCompletion(event.user_id, event.course_id);
    },
    ASSESSMENT_COMPLETED: async (event) => {
      await certificates.issueFor({
        userId: event.user_id,
        courseId: event.course_id,
        assessmentId: event.assessment_id,
        score: event.score,
        percentage: event.percentage,
        passed: event.passed,
      });
    },
  };
}
