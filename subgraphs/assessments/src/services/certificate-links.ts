import type { UrlSigner } from '@skillgraph/platform/src/storage';
import { certificatePdfPath } from '../routes/certificate-pdf-route';

export interface CertificateLinks {
  /** A signed, expiring link to the certificate's PDF. */
  pdfUrl(certificateId: string): string;
}

export function createCertificateLinks(signer: UrlSigner, baseUrl: () => string, ttlSeconds: number, now: () => Date = () => new Date()): CertificateLinks {
  return {
    pdfUrl(certificateId) {
      const path = certificatePdfPath(certificateId);
      return `${baseUrl()}${path}?${signer.sign('GET', path, new Date(now().getTime() + ttlSeconds * 1000))}`;
    },
  };
}
