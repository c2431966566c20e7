import PDFDocument from 'pdfkit';

export interface CertificatePdfContent {
  certificateId: string;
  courseTitle: string;
  percentage: number;
  issuedAt: Date;
  revoked: boolean;
  /** Only in the holder's edition: the code (as displayed) and the verification link carrying it. */
  verification: { code: string; url: string } | null;
}

/** Renders the certificate as a one-page A4 landscape PDF carrying its verification id (and, for its holder, code and link). */
export function renderCertificatePdf(content: CertificatePdfContent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 60, info: { Title: `Certificate ${content.certificateId}`, Author: 'SkillGraph' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(34).text('Certificate of Completion', { align: 'center' });
    doc.moveDown(1.5);
    doc.fontSize(16).text('This certifies the successful completion of the course', { align: 'center' });
    doc.moveDown(0.5);
    doc.fontSize(26).text(content.courseTitle, { align: 'center' });
    doc.moveDown(1);
    doc.fontSize(14).text(`Final assessment score: ${content.percentage}%`, { align: 'center' });
    doc.text(`Issued on ${content.issuedAt.toISOString().slice(0, 10)}`, { align: 'center' });
    if (content.revoked) doc.moveDown(0.5).fillColor('red').text('REVOKED', { align: 'center' }).fillColor('black');
    doc.moveDown(2);
    doc.fontSize(12).text(`Verification id: ${content.certificateId}`, { align: 'center' });
    if (content.verification) {
      doc.text(`Verification code: ${content.verification.code}`, { align: 'center' });
      doc.moveDown(0.5);
      doc.text('Check this certificate and its holder at', { align: 'center' });
      doc.fillColor('blue').text(content.verification.url, { align: 'center', link: content.verification.url }).fillColor('black');
    }
    doc.end();
  });
}
