import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { ConfigError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import {
  classifySmtpError,
  createFileTransport,
  loadMailConfig,
  openMailTokenKey,
  openSealedToken,
  sealContext,
  sealToken,
  SealedTokenError,
} from '../../src/mail';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-mail-test-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('the embedded adapter writes each message as an .eml file with HTML and text parts, and logs one line', async () => {
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', level: 'info' });
  const spy = jest.spyOn(logger, 'info').mockImplementation(((...args: unknown[]) => void lines.push(JSON.stringify(args))) as never);
  const transport = createFileTransport({ directory: path.join(dir, 'mail'), from: 'SkillGraph <no-reply@skillgraph.dev>', logger });
  const receipt = await transport.send({
    to: { address: 'ada@example.org', name: 'Ada' },
    subject: 'Hello',
    html: '<p>Hi <b>Ada</b></p>',
    text: 'Hi Ada',
    messageId: '<n1@notifications.skillgraph>',
  });
  const files = await fs.readdir(path.join(dir, 'mail'));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/\.eml$/);
  expect(receipt.response).toBe(path.join(dir, 'mail', files[0]!));
  const parsed = await simpleParser(await fs.readFile(path.join(dir, 'mail', files[0]!)));
  expect(parsed.subject).toBe('Hello');
  expect(parsed.html).toContain('<b>Ada</b>');
  expect(parsed.text).toContain('Hi Ada');
  expect(parsed.messageId).toBe('<n1@notifications.skillgraph>');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('ada@example.org');
  spy.mockRestore();
});

test('a sealed token opens only with its key and its context', () => {
  const key = randomBytes(32);
  const context = sealContext('PASSWORD_RESET_REQUESTED', 'user-1');
  const sealed = sealToken(key, 'sga_secret', context);
  expect(sealed).not.toContain('sga_secret');
  expect(openSealedToken(key, sealed, context)).toBe('sga_secret');
  expect(() => openSealedToken(randomBytes(32), sealed, context)).toThrow(SealedTokenError);
  expect(() => openSealedToken(key, sealed, sealContext('PASSWORD_RESET_REQUESTED', 'user-2'))).toThrow(SealedTokenError);
  const tampered = Buffer.from(sealed, 'base64url');
  tampered[tampered.length - 1]! ^= 1;
  expect(() => openSealedToken(key, tampered.toString('base64url'), context)).toThrow(SealedTokenError);
});

test('a generated token key is kept in the data directory and shared by every opener', async () => {
  const first = await openMailTokenKey({ dataDir: dir });
  const second = await openMailTokenKey({ dataDir: dir });
  expect(first.equals(second)).toBe(true);
  expect((await fs.stat(path.join(dir, 'secrets', 'mail-token.key'))).mode & 0o777).toBe(0o600);
});

test('SMTP 5xx is permanent; 4xx and network failures are transient', () => {
  expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 No such user' })).toMatchObject({ permanent: true, responseCode: 550 });
  expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 Try later' })).toMatchObject({ permanent: false, responseCode: 451 });
  expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ permanent: false });
});

test('mail settings: defaults, and every bad value named at once', () => {
  const config = loadMailConfig({});
  expect(config.delivery.rateLimit).toBe(100);
  expect(config.delivery.rateWindowMs).toBe(60_000);
  expect(config.smtpUrl).toBeUndefined();
  let error: unknown;
  try {
    loadMailConfig({ SMTP_URL: 'http://mail', MAIL_TOKEN_KEY: 'c2hvcnQ=', MAIL_RATE_LIMIT: '0' });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems.join('\n');
  expect(problems).toContain('SMTP_URL');
  expect(problems).toContain('MAIL_TOKEN_KEY');
  expect(problems).toContain('MAIL_RATE_LIMIT');
  expect(() => loadMailConfig({ NODE_ENV: 'production' })).toThrow(/MAIL_TOKEN_KEY/);
  expect(loadMailConfig({ NODE_ENV: 'production' }, 'skillgraph', { keyShared: false }).tokenKey).toBeUndefined();
});
