import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CERTIFICATES_COLLECTION } from '@skillgraph/assessments/src/data/certificate-repository';
import type { CertificateRecord } from '@skillgraph/assessments/src/data/records';
import type { Stack } from '@skillgraph/stack/src';
import {
  LEARNER,
  anonymous,
  answersFor,
  eventually,
  login,
  ok,
  onceProjected,
  publishedCourseWithFinal,
  register,
  type Client,
} from '@skillgraph/stack/test/support/learning-loop';
import { startTestStack } from '@skillgraph/stack/test/support/stack';

/**
 * Certificate ids are sequential (`CERT-<year>-<sequence>`), so anyone can walk them. The id alone
 * must say only whether a certificate stands; who holds it, and for which course, takes the
 * certificate's verification code, which only its holder (and admins) can read.
 */

interface Holder extends Client {
  email: string;
  name: string;
  certificateId: string;
  code: string;
  verificationUrl: string;
  pdfUrl: string;
}

const COURSE_TITLE = 'Enumeration-proof certificates';
const CERTIFICATE_FIELDS = 'certificateId verificationCode verificationUrl pdfUrl';
const OWN_CERTIFICATES = `{ me { certificates { ${CERTIFICATE_FIELDS} } } }`;
// Only fields the old schema had too, so the same question shows what each version leaks.
const BY_ID =
  'query ($id: String!) { verifyCertificate(certificateId: $id) { certificateId valid revoked courseTitle issuedAt revokedAt holder { id name } } }';
const WITH_CODE =
  'query ($id: String!, $code: String) { verifyCertificate(certificateId: $id, code: $code) { certificateId valid revoked codeCheck courseTitle issuedAt revokedAt holder { id name } } }';

interface OwnCertificate {
  certificateId: string;
  verificationCode: string | null;
  verificationUrl: string | null;
  pdfUrl: string;
}

let stack: Stack;
let grace: Client;
let admin: Client;
let alice: Holder;
let bob: Holder;

async function earnCertificate(instructorCourse: Awaited<ReturnType<typeof publishedCourseWithFinal>>, name: string): Promise<Holder> {
  const learner = await register(stack, name);
  ok(await learner.gql(LEARNER.enroll, { id: instructorCourse.courseId }));
  const { startAttempt } = await onceProjected('the enrollment to reach the assessments subgraph', () =>
    learner.gql<{ startAttempt: { id: string } }>(LEARNER.start, { id: instructorCourse.assessment.id }),
  );
  ok(await learner.gql(LEARNER.submit, { id: startAttempt.id, answers: answersFor(instructorCourse.assessment, 'right') }));
  // Waited for with fields the old schema had too, so the enumeration check runs against either.
  const certificate = await eventually('the certificate', async () => {
    const { me } = ok(
      await learner.gql<{ me: { certificates: { certificateId: string; pdfUrl: string }[] } }>('{ me { certificates { certificateId pdfUrl } } }'),
    );
    return me.certificates[0];
  });
  const own = await learner.gql<{ me: { certificates: OwnCertificate[] } }>(OWN_CERTIFICATES);
  const withCode = own.data?.me.certificates[0];
  return {
    ...learner,
    name,
    certificateId: certificate.certificateId,
    code: withCode?.verificationCode ?? '',
    verificationUrl: withCode?.verificationUrl ?? '',
    pdfUrl: certificate.pdfUrl,
  };
}

async function pdfText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const file = path.join(os.tmpdir(), `certificate-enumeration-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  try {
    return execFileSync('pdftotext', [file, '-']).toString();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  [grace, admin] = await Promise.all([login(stack, 'grace@skillgraph.dev'), login(stack, 'admin@skillgraph.dev')]);
  const course = await publishedCourseWithFinal(grace, COURSE_TITLE, 1);
  alice = await earnCertificate(course, 'Alice Holder');
  bob = await earnCertificate(course, 'Bob Holder');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 180_000);

describe('case 7: certificate holders cannot be listed by walking the sequential ids', () => {
  it('anonymous verifyCertificate over a range of guessed ids names no holder, no user id and no course', async () => {
    const year = new Date().getUTCFullYear();
    const guesses = Array.from({ length: 31 }, (_, index) => `CERT-${year}-${String(index + 1).padStart(6, '0')}`);
    expect(guesses).toEqual(expect.arrayContaining([alice.certificateId, bob.certificateId]));
    const found: string[] = [];
    for (const id of guesses) {
      const { verifyCertificate } = ok(await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> | null }>(BY_ID, { id }));
      if (verifyCertificate === null) continue;
      found.push(id);
      expect(verifyCertificate).toEqual({ certificateId: id, valid: true, revoked: false, courseTitle: null, issuedAt: null, revokedAt: null, holder: null });
      const leaked = JSON.stringify(verifyCertificate);
      for (const holder of [alice, bob]) for (const secret of [holder.name, holder.id, holder.email]) expect(leaked).not.toContain(secret);
      expect(leaked).not.toContain(COURSE_TITLE);
    }
    expect(found).toEqual(expect.arrayContaining([alice.certificateId, bob.certificateId]));
  });

  it('with the right code it names the holder and the course', async () => {
    const { verifyCertificate } = ok(
      await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> }>(WITH_CODE, { id: alice.certificateId, code: alice.code }),
    );
    expect(verifyCertificate).toEqual({
      certificateId: alice.certificateId,
      valid: true,
      revoked: false,
      codeCheck: 'MATCHES',
      courseTitle: COURSE_TITLE,
      issuedAt: expect.any(String),
      revokedAt: null,
      holder: { id: alice.id, name: 'Alice Holder' },
    });
    // As typed from paper: lower case, no hyphens.
    const typed = ok(
      await anonymous(stack).gql<{ verifyCertificate: { codeCheck: string } }>(WITH_CODE, {
        id: alice.certificateId,
        code: alice.code.replace(/-/g, '').toLowerCase(),
      }),
    );
    expect(typed.verifyCertificate.codeCheck).toBe('MATCHES');
  });

  it('with a wrong code, or another certificate’s, it says only valid and that the code does not match', async () => {
    expect(alice.code).not.toBe(bob.code);
    for (const code of [bob.code, 'AAAA-AAAA-AAAA-AAAA', 'not a code', alice.code.slice(0, -1)]) {
      const { verifyCertificate } = ok(
        await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> }>(WITH_CODE, { id: alice.certificateId, code }),
      );
      expect(verifyCertificate).toEqual({
        certificateId: alice.certificateId,
        valid: true,
        revoked: false,
        codeCheck: 'DOES_NOT_MATCH',
        courseTitle: null,
        issuedAt: null,
        revokedAt: null,
        holder: null,
      });
    }
  });

  it('the code is shown to its holder and admins, never to another student or the course instructor', async () => {
    expect(alice.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const link = new URL(alice.verificationUrl);
    expect(link.pathname).toBe(`/verify/${alice.certificateId}`);
    expect(link.searchParams.get('code')).toBe(alice.code);

    const ofAlice = `query ($id: ID!) { user(id: $id) { certificates { ${CERTIFICATE_FIELDS} } } }`;
    const byBob = await bob.gql<{ user: { certificates: OwnCertificate[] | null } | null }>(ofAlice, { id: alice.id });
    expect(JSON.stringify(byBob)).not.toContain(alice.code);
    expect(byBob.data?.user?.certificates ?? null).toBeNull();

    const byInstructor = ok(await grace.gql<{ user: { certificates: OwnCertificate[] } }>(ofAlice, { id: alice.id }));
    expect(byInstructor.user.certificates).toEqual([
      expect.objectContaining({ certificateId: alice.certificateId, verificationCode: null, verificationUrl: null }),
    ]);
    // The instructor's PDF names the certificate but carries no code.
    const instructorPdf = await pdfText(byInstructor.user.certificates[0]!.pdfUrl);
    expect(instructorPdf).toContain(alice.certificateId);
    expect(instructorPdf).not.toContain(alice.code);

    const byAdmin = ok(await admin.gql<{ user: { certificates: OwnCertificate[] } }>(ofAlice, { id: alice.id }));
    expect(byAdmin.user.certificates[0]).toMatchObject({ verificationCode: alice.code, verificationUrl: alice.verificationUrl });
  });

  it('the holder’s PDF prints the code and the verification link carrying it', async () => {
    expect(alice.code).not.toBe('');
    const text = await pdfText(alice.pdfUrl);
    expect(text).toContain(alice.certificateId);
    expect(text).toContain(alice.code);
    expect(text).toContain(alice.verificationUrl);
    expect(text).not.toContain('verifyCertificate query');
  });

  it('a certificate stored before codes existed gets one on its holder’s first read, and only that one works', async () => {
    const certificates = await stack.stores.assessments.collection<CertificateRecord>(CERTIFICATES_COLLECTION);
    const stored = (await certificates.findOne({ certificateId: bob.certificateId }))!;
    await certificates.updateOne({ _id: stored._id }, { $unset: { verificationCode: true } });

    const byId = ok(await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> }>(WITH_CODE, { id: bob.certificateId, code: bob.code }));
    expect(byId.verifyCertificate).toMatchObject({ valid: true, codeCheck: 'DOES_NOT_MATCH', holder: null });

    // Two reads at once settle on the same new code.
    const [first, second] = await Promise.all([0, 1].map(() => bob.gql<{ me: { certificates: OwnCertificate[] } }>(OWN_CERTIFICATES)));
    const code = ok(first!).me.certificates[0]!.verificationCode!;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(ok(second!).me.certificates[0]!.verificationCode).toBe(code);
    expect(code).not.toBe(bob.code);
    const verified = ok(
      await anonymous(stack).gql<{ verifyCertificate: { codeCheck: string; holder: { name: string } | null } }>(WITH_CODE, { id: bob.certificateId, code }),
    );
    expect(verified.verifyCertificate).toMatchObject({ codeCheck: 'MATCHES', holder: { name: 'Bob Holder' } });
  });

  it('a revoked certificate says revoked with the id alone, still without its holder', async () => {
    ok(await admin.gql('mutation ($id: String!) { revokeCertificate(certificateId: $id, reason: "Test") { revokedAt } }', { id: alice.certificateId }));
    const { verifyCertificate } = ok(await anonymous(stack).gql<{ verifyCertificate: Record<string, unknown> }>(BY_ID, { id: alice.certificateId }));
    expect(verifyCertificate).toEqual({
      certificateId: alice.certificateId,
      valid: false,
      revoked: true,
      courseTitle: null,
      issuedAt: null,
      revokedAt: null,
      holder: null,
    });
  });
});
