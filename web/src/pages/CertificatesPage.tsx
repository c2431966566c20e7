import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { RequireSignIn } from '../components/RequireSignIn';
import { formatDate, formatPercent } from '../format';
import { graphql } from '../gql';

const MyCertificatesQuery = graphql(`
  query MyCertificates {
    me {
      id
      certificates {
        id
        certificateId
        percentage
        issuedAt
        revokedAt
        pdfUrl
        verificationCode
        verificationUrl
        course {
          id
          title
        }
      }
    }
  }
`);

/** The client-side route of the verification link (same page, maybe another origin in the link). */
function verifyPath(verificationUrl: string | null, certificateId: string): string {
  if (!verificationUrl) return `/verify/${encodeURIComponent(certificateId)}`;
  const url = new URL(verificationUrl);
  return `${url.pathname}${url.search}`;
}

export function CertificatesPage() {
  return (
    <section>
      <h1>Certificates</h1>
      <RequireSignIn what="your certificates">
        <CertificateList />
      </RequireSignIn>
    </section>
  );
}

function CertificateList() {
  const [{ data, fetching, error }] = useQuery({ query: MyCertificatesQuery });
  if (error) return <ErrorAlert error={error} />;
  if (fetching || !data) return <p role="status">Loading your certificates…</p>;
  const certificates = data.me?.certificates ?? [];
  if (certificates.length === 0) return <p>No certificates yet: pass a course's final assessment to earn one.</p>;
  return (
    <ul className="certificates">
      {certificates.map((certificate) => (
        <li key={certificate.id} className="card">
          <h2>{certificate.course.title}</h2>
          <p>
            <span className="certificate-id">{certificate.certificateId}</span> · {formatPercent(certificate.percentage)} · issued{' '}
            {formatDate(certificate.issuedAt)}
            {certificate.revokedAt && <strong> · revoked</strong>}
          </p>
          {certificate.verificationCode && (
            <p>
              Verification code: <span className="verification-code">{certificate.verificationCode}</span>
            </p>
          )}
          <p className="actions">
            {/* The link is signed and expires (2 h by default); the page asks for a fresh one each visit. */}
            <a href={certificate.pdfUrl} target="_blank" rel="noopener" aria-describedby={`cert-${certificate.id}`}>
              Download PDF
            </a>
            {/* The verification page with the code: what the holder shares to show the certificate is theirs. */}
            <Link to={verifyPath(certificate.verificationUrl, certificate.certificateId)} aria-describedby={`cert-${certificate.id}`}>
              Verify
            </Link>
            <span id={`cert-${certificate.id}`} hidden>
              {certificate.certificateId}
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}
