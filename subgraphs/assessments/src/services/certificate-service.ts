import { badUserInput, DuplicateKeyError, newId, type Viewer } from '@skillgraph/platform';
import type { AssessmentRepository } from '../data/assessment-repository';
import type { AttemptRepository } from '../data/attempt-repository';
import type { CertificateRepository } from '../data/certificate-repository';
import type { CourseSettingsRepository } from '../data/course-settings-repository';
import type { EnrollmentDirectory } from '../data/enrollment-directory';
import type { CertificateRecord } from '../data/records';
import { certificateRevoked, certificationIssued } from '../events/assessment-events';
import { requireAdmin } from './assessment-access';
import { newVerificationCode, verificationCodeMatches } from './certificate-code';

/** Reference doc 000's form; the sequence restarts each year and has at least six digits. */
const CERTIFICATE_ID = /^CERT-\d{4}-\d{6,}$/;
const REASON_MAX = 500;

export const formatCertificateId = (year: number, sequence: number): string => `CERT-${year}-${String(sequence).padStart(6, '0')}`;

/** A graded attempt as ASSESSMENT_COMPLETED reports it. */
export interface GradedResult {
  userId: string;
  courseId: string;
  assessmentId: string;
  score: number;
  percentage: number;
  passed: boolean;
}

/** How a code given to `verifyCertificate` compares with the certificate's. */
export type CodeCheck = 'NOT_GIVEN' | 'MATCHES' | 'DOES_NOT_MATCH';

export interface CertificateLookup {
  certificate: CertificateRecord;
  code: CodeCheck;
}

export type CertificateService = ReturnType<typeof createCertificateService>;

export interface CertificateServiceOptions {
  outbox: { notify(): void };
  now?: () => Date;
}

export interface CertificateSources {
  certificates: CertificateRepository;
  assessments: AssessmentRepository;
  attempts: AttemptRepository;
  settings: CourseSettingsRepository;
  enrollments: EnrollmentDirectory;
}

export function createCertificateService(
  { certificates, assessments, attempts, settings, enrollments }: CertificateSources,
  { outbox, now = () => new Date() }: CertificateServiceOptions,
) {
  /** A certificate by its public id; unknown ids answer null. */
  async function find(certificateId: string): Promise<CertificateRecord | null> {
    const id = certificateId.trim();
    if (!CERTIFICATE_ID.test(id)) throw badUserInput('certificateId must look like CERT-2026-000123.', 'certificateId');
    return certificates.findByCertificateId(id);
  }

  /**
   * Anyone may look a certificate up by its public id, with or without its code; the caller
   * decides what each outcome may show. A blank code counts as none given.
   */
  async function verify(certificateId: string, code?: string | null): Promise<CertificateLookup | null> {
    const certificate = await find(certificateId);
    if (!certificate) return null;
    if (!code?.trim()) return { certificate, code: 'NOT_GIVEN' };
    return { certificate, code: verificationCodeMatches(certificate.verificationCode, code) ? 'MATCHES' : 'DOES_NOT_MATCH' };
  }

  /**
   * The certificate's code, given one on first need when it was issued before codes existed. Two
   * readers racing both write only if none is there, so they end up showing the same code.
   */
  async function codeOf(certificate: CertificateRecord): Promise<string> {
    if (certificate.verificationCode) return certificate.verificationCode;
    const assigned = await certificates.assignCode(certificate._id, newVerificationCode());
    const code = assigned?.verificationCode ?? (await certificates.findById(certificate._id))?.verificationCode;
    if (!code) throw new Error(`certificate ${certificate.certificateId} has no verification code after assigning one`);
    return code;
  }

  /**
   * One certificate per learner and course. Safe to call again for the same result (redelivery,
   * two replicas): the unique (user, course) index keeps one certificate; a race between two
   * issuers may leave an unused number behind, never a shared one.
   */
  async function issue(result: GradedResult): Promise<CertificateRecord | null> {
    const existing = await certificates.findOne(result.userId, result.courseId);
    if (existing) return existing;
    const issuedAt = now();
    const year = issuedAt.getUTCFullYear();
    const sequence = await certificates.nextInSequence(`certificates:${year}`);
    const certificate: CertificateRecord = {
      _id: newId(),
      certificateId: formatCertificateId(year, sequence),
      userId: result.userId,
      courseId: result.courseId,
      assessmentId: result.assessmentId,
      score: result.score,
      percentage: result.percentage,
      issuedAt,
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
      verificationCode: newVerificationCode(),
    };
    try {
      const saved = await certificates.insert(certificate, [certificationIssued(certificate)]);
      outbox.notify();
      return saved;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      return certificates.findOne(result.userId, result.courseId);
    }
  }

  return {
    verify,
    codeOf,

    /**
     * A passed final assessment earns the certificate; under COURSE_COMPLETION only once the course
     * is completed too (a final that is not required can be passed after completion).
     */
    async issueFor(result: GradedResult): Promise<CertificateRecord | null> {
      if (!result.passed) return null;
      const assessment = await assessments.findById(result.assessmentId);
      if (!assessment || !assessment.final) return null;
      if ((await settings.policyOf(result.courseId)) === 'COURSE_COMPLETION' && (await enrollments.get(result.userId, result.courseId))?.status !== 'COMPLETED')
        return null;
      return issue(result);
    },

    /**
     * For courses whose certificate is earned by completing them: issued on COURSE_COMPLETED, for
     * the learner's best passed attempt at a final assessment of the course (a certificate names
     * the assessment it was earned with). A course without a passed final issues none.
     */
    async issueOnCompletion(userId: string, courseId: string): Promise<CertificateRecord | null> {
      if ((await settings.policyOf(courseId)) !== 'COURSE_COMPLETION') return null;
      const finals = (await assessments.findByCourseIds([courseId])).filter((assessment) => assessment.final && assessment.status !== 'DELETED');
      const passed = (
        await attempts.findForUser(
          userId,
          finals.map((assessment) => assessment._id),
        )
      ).filter((attempt) => attempt.status === 'GRADED' && attempt.passed === true);
      const best = passed.sort((a, b) => (b.percentage ?? 0) - (a.percentage ?? 0))[0];
      if (!best) return null;
      return issue({ userId, courseId, assessmentId: best.assessmentId, score: best.score ?? 0, percentage: best.percentage ?? 0, passed: true });
    },

    /** Admins only; revoking twice keeps the first revocation. */
    async revoke(viewer: Viewer, certificateId: string, reason: string | null | undefined): Promise<CertificateRecord> {
      const admin = requireAdmin(viewer);
      const why = reason?.trim() || null;
      if (why !== null && [...why].length > REASON_MAX) throw badUserInput(`reason must be at most ${REASON_MAX} characters.`, 'reason');
      const certificate = await find(certificateId);
      if (!certificate) throw badUserInput('No certificate has this id.', 'certificateId');
      if (certificate.revokedAt) return certificate;
      const at = now();
      const revoked = await certificates.updateWhere(
        certificate._id,
        { revokedAt: null },
        { $set: { revokedAt: at, revokedBy: admin.id, revocationReason: why } },
        [certificateRevoked(certificate, admin.id, why, at)],
      );
      if (revoked) outbox.notify();
      return revoked ?? (await certificates.findById(certificate._id))!;
    },
  };
}
