import type { Request, Response } from 'express';
import type { UrlSigner } from '@skillgraph/platform/src/storage';
import type { CertificateRepository } from '../data/certificate-repository';
import type { CourseDirectory } from '../data/course-directory';
import { renderCertificatePdf } from '../services/certificate-pdf';

export const CERTIFICATE_PDF_ROUTE = '/certificates';
export const certificatePdfPath = (certificateId: string): string => `${CERTIFICATE_PDF_ROUTE}/${encodeURIComponent(certificateId)}.pdf`;

export interface CertificatePdfRouteOptions {
  signer: UrlSigner;
  certificates: CertificateRepository;
  courses: CourseDirectory;
}

/**
 * `GET /certificates/<certificateId>.pdf?expires=…&sig=…`: the link itself is the authorisation
 * (handed out only to whoever may see the certificate), so no identity is needed to fetch it.
 */
export function certificatePdfRoute({ signer, certificates, courses }: CertificatePdfRouteOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const verdict = signer.verify('GET', req.path, req.query as Record<string, unknown>);
    if (verdict !== 'valid') {
      res.status(403).type('text/plain').send(verdict === 'expired' ? 'This link has expired.' : 'This link is not valid.');
      return;
    }
    const match = /^\/certificates\/(CERT-[0-9]{4}-[0-9]+)\.pdf$/.exec(req.path);
    const certificate = match ? await certificates.findByCertificateId(match[1]!) : null;
    if (!certificate) {
      res.status(404).type('text/plain').send('No such certificate.');
      return;
    }
    const course = await courses.get(certificate.courseId);
    const pdf = await renderCertificatePdf({
      certificateId: certificate.certificateId,
      courseTitle: course?.title ?? 'Unknown course',
      percentage: certificate.percentage,
      issuedAt: certificate.issuedAt,
      revoked: certificate.revokedAt !== null,
    });
    res.status(200).type('application/pdf').set('cache-control', 'private, no-store').set('content-disposition', `inline; filename="${certificate.certificateId}.pdf"`).send(pdf);
  };
}
