import type { Context } from '../context';
import type { CertificateRecord } from '../data/records';
import { canAuthor, canSeeCertificate } from './assessment-access';

/** What `verifyCertificate` answers: the certificate's public facts only. */
export interface Verification {
  certificateId: string;
  valid: boolean;
  revoked: boolean;
  holder: { id: string };
  courseTitle: string;
  issuedAt: Date;
  revokedAt: Date | null;
}

export async function verification(certificate: CertificateRecord, { loaders }: Pick<Context, 'loaders'>): Promise<Verification> {
  const course = await loaders.courseById.load(certificate.courseId);
  return {
    certificateId: certificate.certificateId,
    valid: certificate.revokedAt === null,
    revoked: certificate.revokedAt !== null,
    holder: { id: certificate.userId },
    courseTitle: course?.title ?? 'Unknown course',
    issuedAt: certificate.issuedAt,
    revokedAt: certificate.revokedAt,
  };
}

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
