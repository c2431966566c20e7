import { useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { formatDate } from '../format';

const VerifyQuery = graphql(`
  query VerifyCertificate($certificateId: String!) {
    verifyCertificate(certificateId: $certificateId) {
      certificateId
      valid
      revoked
      courseTitle
      issuedAt
      revokedAt
      holder {
        id
        name
      }
    }
  }
`);

/** The public check of a certificate: works signed out, shows no score and no email. */
export function VerifyPage() {
  const { certificateId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: VerifyQuery, variables: { certificateId } });
  if (error) return <ErrorAlert error={error} />;
  if (fetching || !data) return <p role="status">Checking the certificate…</p>;
  const verification = data.verifyCertificate;
  return (
    <section className="narrow">
      <h1>Certificate {certificateId}</h1>
      {!verification ? (
        <p className="verdict invalid">No certificate with this id</p>
      ) : (
        <>
          <p className={`verdict ${verification.valid ? 'valid' : 'invalid'}`}>
            {verification.revoked ? 'Revoked' : verification.valid ? 'Valid certificate' : 'Not valid'}
          </p>
          <dl>
            <dt>Holder</dt>
            <dd>{verification.holder.name}</dd>
            <dt>Course</dt>
            <dd>{verification.courseTitle}</dd>
            <dt>Issued on</dt>
            <dd>{formatDate(verification.issuedAt)}</dd>
            {verification.revokedAt && (
              <>
                <dt>Revoked on</dt>
                <dd>{formatDate(verification.revokedAt)}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
