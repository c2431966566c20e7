import type { UrlSigner } from '@skillgraph/platform/src/storage';
import { certificatePdfPath, HOLDER_EDITION } from '../routes/certificate-pdf-route';
import { displayVerificationCode } from './certificate-code';

export interface CertificateLinks {
  /**
   * A signed, expiring link to the certificate's PDF; the holder's edition prints the
   * verification code and link, the other one (for the course's instructor) does not.
   */
  pdfUrl(certificateId: string, edition: 'holder' | 'public'): string;
  /** The web client's verification page showing the holder's details: the link to share. */
  verificationUrl(certificateId: string, code: string): string;
}

export interface CertificateLinkOrigins {
  /** Where signed PDF links point (the gateway, which forwards `/certificates/*`). */
  files: () => string;
  /** Where the web client runs (its `/verify/:certificateId` page). */
  app: () => string;
}

export function createCertificateLinks(
  signer: UrlSigner,
  origins: CertificateLinkOrigins,
  ttlSeconds: number,
  now: () => Date = () => new Date(),
): CertificateLinks {
  return {
    pdfUrl(certificateId, edition) {
      const path = certificatePdfPath(certificateId);
      const expiresAt = new Date(now().getTime() + ttlSeconds * 1000);
      return `${origins.files()}${path}?${signer.sign('GET', path, expiresAt, edition === 'holder' ? HOLDER_EDITION : {})}`;
    },
    verificationUrl(certificateId, code) {
      return `${origins.app()}/verify/${encodeURIComponent(certificateId)}?${new URLSearchParams({ code: displayVerificationCode(code) })}`;
    },
  };
}
