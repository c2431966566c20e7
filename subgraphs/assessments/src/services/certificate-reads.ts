import type { Viewer } from '@skillgraph/platform';
import type { Context } from '../context';
import type { CertificateRecord } from '../data/records';
import { canAuthor, canSeeCertificate } from './assessment-access';
import type { CertificateLookup, CodeCheck } from './certificate-service';

/**
 * What `verifyCertificate` answers. The id alone (or with a wrong code) says only whether the
 * certificate stands: ids are sequential, so anything more would list every holder. The right
 * code, which only the holder has to share, adds who holds it, for which course and when.
 */
export interface Verification {
  certificateId: string;
  valid: boolean;
  revoked: boolean;
  codeCheck: CodeCheck;
  holder: { id: string } | null;
  courseTitle: string | null;
  issuedAt: Date | null;
  revokedAt: Date | null;
}

export async function verification({ certificate, code }: CertificateLookup, { loaders }: Pick<Context, 'loaders'>): Promise<Verification> {
  const standing = {
    certificateId: certificate.certificateId,
    valid: certificate.revokedAt === null,
    revoked: certificate.revokedAt !== null,
    codeCheck: code,
  };
  if (code !== 'MATCHES') return { ...standing, holder: null, courseTitle: null, issuedAt: null, revokedAt: null };
  const course = await loaders.courseById.load(certificate.courseId);
  return {
    ...standing,
    holder: { id: certificate.userId },
    courseTitle: course?.title ?? 'Unknown course',
    issuedAt: certificate.issuedAt,
    revokedAt: certificate.revokedAt,
  };
}

/** The code is the holder's to share: only they and admins ever see it. */
export const canSeeVerificationCode = (viewer: Viewer, certificate: CertificateRecord): boolean =>
  viewer.kind === 'user' && (viewer.role === 'ADMIN' || viewer.id === certificate.userId);

export async function visibleCertificate(id: string, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<CertificateRecord | null> {
  const certificate = await loaders.certificateById.load(id);
  if (!certificate) return null;
  return canSeeCertificate(viewer, certificate, await loaders.courseById.load(certificate.courseId)) ? certificate : null;
}

/**
 * A person's certificates as the viewer may see them: all for the holder and admins, those of
 * the viewer's own courses for an instructor, null for anyone else.
 */
export async function holderCertificates(userId: string, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<CertificateRecord[] | null> {
  if (viewer.kind !== 'user') return null;
  const all = await loaders.certificatesByUserId.load(userId);
  if (viewer.role === 'ADMIN' || viewer.id === userId) return all;
  if (viewer.role !== 'INSTRUCTOR') return null;
  const courses = await Promise.all(all.map((certificate) => loaders.courseById.load(certificate.courseId)));
  return all.filter((_certificate, index) => {
    const course = courses[index];
    return course !== null && course !== undefined && canAuthor(viewer, course);
  });
}
