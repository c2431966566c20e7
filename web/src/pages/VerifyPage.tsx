import { useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { formatDate } from '../format';

const VerifyQuery = graphql(`
  query VerifyCertificate($certificateId: String!, $code: String) {
    verifyCertificate(certificateId: $certificateId, code: $code) {
      certificateId
      valid
      revoked
      codeCheck
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

/**
 * The public check of a certificate: works signed out, shows no score and no email. The id alone
 * says valid or revoked; the holder's details need the code the certificate's link carries.
 */
export function VerifyPage() {
  const { certificateId = '' } = useParams();
  const [search] = useSearchParams();
  const code = search.get('code') || null;
  const [{ data, fetching, error }] = useQuery({ query: VerifyQuery, variables: { certificateId, code } });
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
          {verification.codeCheck === 'DOES_NOT_MATCH' && (
            <p role="alert" className="code-mismatch">
              This code does not match the certificate: its holder and course are not shown.
            </p>
          )}
          {verification.codeCheck === 'NOT_GIVEN' && (
            <p>The holder and course are shown with the verification code printed on the certificate (its link carries it).</p>
          )}
          {verification.codeCheck === 'MATCHES' && (
            <dl>
              <dt>Holder</dt>
              <dd>{verification.holder?.name}</dd>
              <dt>Course</dt>
              <dd>{verification.courseTitle}</dd>
              <dt>Issued on</dt>
              <dd>{verification.issuedAt && formatDate(verification.issuedAt)}</dd>
              {verification.revokedAt && (
                <>
                  <dt>Revoked on</dt>
                  <dd>{formatDate(verification.revokedAt)}</dd>
                </>
              )}
            </dl>
          )}
        </>
      )}
    </section>
  );
}
