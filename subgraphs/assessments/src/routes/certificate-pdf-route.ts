import type { Request, Response } from 'express';
import type { UrlSigner } from '@skillgraph/platform/src/storage';
import type { CertificateRepository } from '../data/certificate-repository';
import type { CourseDirectory } from '../data/course-directory';
import { displayVerificationCode } from '../services/certificate-code';
import type { CertificateLinks } from '../services/certificate-links';
import { renderCertificatePdf } from '../services/certificate-pdf';
import type { CertificateService } from '../services/certificate-service';

export const CERTIFICATE_PDF_ROUTE = '/certificates';
export const certificatePdfPath = (certificateId: string): string => `${CERTIFICATE_PDF_ROUTE}/${encodeURIComponent(certificateId)}.pdf`;
/** The signed parameter of the holder's edition, which prints the verification code and link. */
export const HOLDER_EDITION: Readonly<Record<string, string>> = { edition: 'holder' };

export interface CertificatePdfRouteOptions {
  signer: UrlSigner;
  certificates: CertificateRepository;
  courses: CourseDirectory;
  certificateService: Pick<CertificateService, 'codeOf'>;
  links: Pick<CertificateLinks, 'verificationUrl'>;
}

/**
 * `GET /certificates/<certificateId>.pdf?[edition=holder&]expires=…&sig=…`: the link itself is the
 * authorisation (handed out only to whoever may see the certificate, the holder's edition only to
 * the holder and admins), so no identity is needed to fetch it. The edition is signed with the rest.
 */
export function certificatePdfRoute({ signer, certificates, courses, certificateService, links }: CertificatePdfRouteOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const verdict = signer.verify('GET', req.path, req.query as Record<string, unknown>);
    if (verdict !== 'valid') {
      res
        .status(403)
        .type('text/plain')
        .send(verdict === 'expired' ? 'This link has expired.' : 'This link is not valid.');
      return;
    }
    const match = /^\/certificates\/(CERT-[0-9]{4}-[0-9]+)\.pdf$/.exec(req.path);
    const certificate = match ? await certificates.findByCertificateId(match[1]!) : null;
    if (!certificate) {
      res.status(404).type('text/plain').send('No such certificate.');
      return;
    }
    const course = await courses.get(certificate.courseId);
    const code = req.query.edition === HOLDER_EDITION.edition ? await certificateService.codeOf(certificate) : null;
    const pdf = await renderCertificatePdf({
      certificateId: certificate.certificateId,
      courseTitle: course?.title ?? 'Unknown course',
      percentage: certificate.percentage,
      issuedAt: certificate.issuedAt,
      revoked: certificate.revokedAt !== null,
      verification: code === null ? null : { code: displayVerificationCode(code), url: links.verificationUrl(certificate.certificateId, code) },
    });
    res
      .status(200)
      .type('application/pdf')
      .set('cache-control', 'private, no-store')
      .set('content-disposition', `inline; filename="${certificate.certificateId}.pdf"`)
      .send(pdf);
  };
}
