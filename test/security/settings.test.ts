/**
 * Case 5 of the hardening issue: `npm start` ignored settings. Every variable `.env.example` lists
 * must reach its service in the one-process stack, and a bad value must stop the start with one
 * message naming every variable at fault.
 *
 * (a) runs the stack's own settings loader (the one scripts/start.ts runs) over a table of every
 *     variable's kind: a clearly bad value of each is refused by name; a variable the table does
 *     not classify fails the test, so a new variable must be classified here.
 * (b) starts the stack exactly as `npm start` does (`loadStackSettings` + `startConfiguredStack`)
 *     and checks through the gateway that good values change what it does.
 * (c) runs scripts/start.ts as a process with one bad variable.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, createLogger, type Env } from '@skillgraph/platform';
import { loadStackSettings, startConfiguredStack, type Stack } from '@skillgraph/stack';
import {
  anonymous,
  answersFor,
  eventually,
  LEARNER,
  login,
  ok,
  onceProjected,
  publishedCourseWithFinal,
  register,
} from '../../packages/stack/test/support/learning-loop';
import { pngBytes, uploadThroughGateway } from '../../packages/stack/test/support/media';
import { freePort, runStartScript } from '../../packages/stack/test/support/process';
import { REPO_ROOT } from '../../packages/stack/test/support/stack';
import { spawnTracked } from '../support/child-processes';

/** What a variable holds: a value every loader must refuse and one it must accept. */
interface Checked {
  bad: string;
  good: string;
}
/** Read by something other than SkillGraph's loaders; any value passes through. */
interface NotOurs {
  readBy: string;
}
type Kind = Checked | NotOurs;

const PEM_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
-----END PRIVATE KEY-----`;

const kinds = {
  port: { bad: 'abc', good: '4100' },
  wholeNumber: { bad: 'abc', good: '200' },
  milliseconds: { bad: 'abc', good: '5000' },
  bytes: { bad: 'abc', good: '50000000' },
  duration: { bad: 'abc', good: '60' },
  tokenDuration: { bad: 'abc', good: '10m' },
  boolean: { bad: 'maybe', good: 'true' },
  url: { bad: 'not a url', good: 'http://example.com:4001/graphql' },
  origin: { bad: 'not-an-origin', good: 'https://app.example.com' },
  redisUrl: { bad: 'localhost:6379', good: 'redis://127.0.0.1:6379' },
  secret32: { bad: 'short', good: 'a-secret-of-at-least-thirty-two-characters' },
  base64Key32: { bad: 'short', good: Buffer.alloc(32, 7).toString('base64') },
  nonEmpty: { bad: '', good: 'something' },
  trimmedNonEmpty: { bad: '   ', good: 'something' },
} satisfies Record<string, Checked>;

/** Every variable `.env.example` lists, and its kind. A variable missing here fails the first test. */
const VARIABLES: Record<string, Kind> = {
  // secrets
  GATEWAY_SECRET: kinds.secret32,
  JWT_PRIVATE_KEYS: { bad: 'CHANGE_ME', good: '' },
  MAIL_TOKEN_KEY: kinds.base64Key32,
  MINIO_ROOT_USER: { readBy: 'MinIO in docker compose' },
  MINIO_ROOT_PASSWORD: { readBy: 'MinIO in docker compose' },
  AWS_ACCESS_KEY_ID: { readBy: 'the AWS SDK' },
  AWS_SECRET_ACCESS_KEY: { readBy: 'the AWS SDK' },
  // every service
  NODE_ENV: { bad: 'staging', good: 'test' },
  LOG_LEVEL: { bad: 'loud', good: 'warn' },
  HOST: kinds.nonEmpty,
  PORT: kinds.port,
  DATA_DIR: kinds.nonEmpty,
  MONGODB_URI: { bad: 'http://mongo:27017', good: 'mongodb://mongo:27017' },
  // npm start
  SEED: kinds.boolean,
  GATEWAY_PORT: kinds.port,
  USERS_PORT: kinds.port,
  COURSES_PORT: kinds.port,
  ASSESSMENTS_PORT: kinds.port,
  MEDIA_PORT: kinds.port,
  NOTIFICATIONS_PORT: kinds.port,
  // identity
  ACCESS_TOKEN_TTL: kinds.tokenDuration,
  REFRESH_TOKEN_TTL: { bad: 'abc', good: '7d' },
  JWT_ISSUER: kinds.trimmedNonEmpty,
  JWT_AUDIENCE: kinds.trimmedNonEmpty,
  JWT_CLOCK_TOLERANCE: { bad: 'abc', good: '10s' },
  JWKS_URL: kinds.url,
  // gateway
  SUPERGRAPH_PATH: kinds.nonEmpty,
  WEB_CLIENT_DIR: { bad: '', good: 'none' },
  USERS_URL: kinds.url,
  COURSES_URL: kinds.url,
  ASSESSMENTS_URL: kinds.url,
  MEDIA_URL: kinds.url,
  NOTIFICATIONS_URL: kinds.url,
  SUBGRAPH_TIMEOUT_MS: kinds.milliseconds,
  SUBGRAPH_BREAKER_FAILURES: kinds.wholeNumber,
  SUBGRAPH_BREAKER_COOLDOWN_MS: kinds.milliseconds,
  BODY_LIMIT: { bad: 'lots', good: '2mb' },
  CORS_ORIGINS: kinds.origin,
  CORS_CREDENTIALS: kinds.boolean,
  TRUSTED_PROXIES: { bad: 'the proxy', good: 'loopback,10.0.0.0/8' },
  MAX_DEPTH: kinds.wholeNumber,
  MAX_ALIASES: kinds.wholeNumber,
  MAX_TOKENS: kinds.wholeNumber,
  MAX_DIRECTIVES: kinds.wholeNumber,
  MAX_ROOT_FIELDS: kinds.wholeNumber,
  MAX_COST: kinds.wholeNumber,
  COST_DEFAULT_LIST_SIZE: kinds.wholeNumber,
  MAX_IN_FLIGHT: kinds.wholeNumber,
  ADMISSION_TARGET_LATENCY_MS: kinds.milliseconds,
  ADMISSION_QUEUE_SIZE: kinds.wholeNumber,
  ADMISSION_QUEUE_TIMEOUT_MS: kinds.milliseconds,
  ADMISSION_REFUSAL_DELAY_MS: kinds.milliseconds,
  HTTP_HEADERS_TIMEOUT_MS: kinds.milliseconds,
  // Must not be shorter than the headers time-out (10 s by default).
  HTTP_REQUEST_TIMEOUT_MS: { bad: 'abc', good: '60000' },
  HTTP_KEEP_ALIVE_TIMEOUT_MS: kinds.milliseconds,
  EVENT_LOOP_LAG_LIMIT_MS: kinds.milliseconds,
  RETRY_AFTER_SECONDS: { bad: 'abc', good: '5' },
  RATE_LIMIT_WINDOW_SECONDS: { bad: 'abc', good: '30' },
  RATE_LIMIT_PER_CLIENT: kinds.wholeNumber,
  RATE_LIMIT_PER_USER: kinds.wholeNumber,
  REDIS_URL: kinds.redisUrl,
  METRICS_PUBLIC: kinds.boolean,
  SHUTDOWN_DRAIN_DELAY_MS: kinds.milliseconds,
  TRUSTED_DOCUMENTS: { bad: 'sometimes', good: 'off' },
  TRUSTED_DOCUMENTS_MANIFEST: kinds.nonEmpty,
  // events
  KAFKA_BROKERS: { bad: 'not a broker', good: 'kafka-1:9092,kafka-2:9092' },
  KAFKA_CLIENT_ID: { bad: 'bad id!', good: 'skillgraph-test' },
  KAFKA_CONNECTION_TIMEOUT_MS: kinds.milliseconds,
  KAFKA_SEND_RETRIES: kinds.wholeNumber,
  KAFKA_TOPIC_PARTITIONS: kinds.wholeNumber,
  KAFKA_REPLICATION_FACTOR: { bad: 'abc', good: '3' },
  KAFKA_MIN_INSYNC_REPLICAS: { bad: 'abc', good: '2' },
  KAFKA_RETENTION_MS: kinds.milliseconds,
  EVENTS_RELAY_POLL_MS: kinds.milliseconds,
  EVENTS_RELAY_BATCH_SIZE: kinds.wholeNumber,
  EVENTS_RELAY_BACKOFF_MS: kinds.milliseconds,
  EVENTS_RELAY_MAX_BACKOFF_MS: kinds.milliseconds,
  EVENTS_CONSUMER_MAX_ATTEMPTS: kinds.wholeNumber,
  EVENTS_FSYNC: kinds.boolean,
  // assessments
  CERTIFICATE_URL_SECRET: kinds.secret32,
  CERTIFICATE_PUBLIC_URL: kinds.url,
  CERTIFICATE_URL_TTL: { bad: 'abc', good: '60' },
  // media storage and URLs
  S3_BUCKET: { bad: 'Not_A_Bucket', good: 'skillgraph-media' },
  S3_REGION: kinds.nonEmpty,
  S3_ENDPOINT: kinds.url,
  S3_FORCE_PATH_STYLE: kinds.boolean,
  // Alone, each of the three is refused: they go together.
  CLOUDFRONT_DOMAIN: { bad: 'not a domain!', good: '' },
  CLOUDFRONT_KEY_PAIR_ID: { bad: 'bad id', good: '' },
  CLOUDFRONT_PRIVATE_KEY: { bad: PEM_KEY, good: '' },
  MEDIA_URL_SECRET: { bad: 'short', good: Buffer.alloc(32, 9).toString('base64') },
  MEDIA_PUBLIC_URL: kinds.url,
  MEDIA_CORS_ORIGINS: { bad: 'not-an-origin', good: 'https://app.example.com,https://admin.example.com' },
  MEDIA_URL_TTL_PUBLIC: kinds.duration,
  MEDIA_URL_TTL_COURSE_VIDEO: kinds.duration,
  MEDIA_URL_TTL_COURSE_DOCUMENT: kinds.duration,
  MEDIA_URL_TTL_WEBINAR: kinds.duration,
  MEDIA_URL_TTL_VERIFICATION: kinds.duration,
  MEDIA_UPLOAD_URL_TTL: kinds.duration,
  MEDIA_MAX_IMAGE_BYTES: kinds.bytes,
  MEDIA_MAX_VIDEO_BYTES: kinds.bytes,
  MEDIA_MAX_AUDIO_BYTES: kinds.bytes,
  MEDIA_MAX_DOCUMENT_BYTES: kinds.bytes,
  MEDIA_MAX_GRAPHQL_UPLOAD_BYTES: kinds.bytes,
  MEDIA_PART_SIZE_BYTES: { bad: 'abc', good: String(8 * 1024 * 1024) },
  MEDIA_QUOTA_BYTES: kinds.bytes,
  MEDIA_QUOTA_FILES: kinds.wholeNumber,
  MEDIA_CLEANUP_INTERVAL_MS: kinds.milliseconds,
  MEDIA_INCOMPLETE_UPLOAD_MAX_AGE_MS: { bad: 'abc', good: '3600000' },
  // media worker
  VIRUS_SCAN: { bad: 'sometimes', good: 'off' },
  CLAMAV_HOST: { bad: 'not a host!', good: 'clamav' },
  CLAMAV_PORT: kinds.port,
  CLAMAV_SOCKET: { readBy: 'clamd (a socket path: any path is a valid one)' },
  CLAMAV_TIMEOUT_MS: kinds.milliseconds,
  MEDIA_WORKER_CONCURRENCY: kinds.wholeNumber,
  MEDIA_WORKER_MAX_ATTEMPTS: kinds.wholeNumber,
  MEDIA_WORKER_RETRY_BACKOFF_MS: kinds.milliseconds,
  MEDIA_WORKER_LEASE_MS: kinds.milliseconds,
  MEDIA_WORKER_SWEEP_MS: kinds.milliseconds,
  MEDIA_WORKER_MAX_RUNS: kinds.wholeNumber,
  MEDIA_WORKER_TMP_DIR: { readBy: 'the media worker as a scratch folder (any path is a valid one)' },
  MEDIA_TOOL_TIMEOUT_MS: kinds.milliseconds,
  MEDIA_ARCHIVE_MAX_BYTES: kinds.bytes,
  MEDIA_ARCHIVE_MAX_RATIO: kinds.wholeNumber,
  MEDIA_ARCHIVE_MAX_ENTRIES: kinds.wholeNumber,
  MEDIA_IMAGE_MAX_PIXELS: { bad: 'abc', good: '50000000' },
  MEDIA_PDF_MAX_PAGES: kinds.wholeNumber,
  MEDIA_PDF_TIMEOUT_MS: kinds.milliseconds,
  MEDIA_MAX_DURATION_SECONDS: kinds.wholeNumber,
  MEDIA_VIDEO_MAX_DIMENSION: kinds.wholeNumber,
  MEDIA_PROBE_TIMEOUT_MS: kinds.milliseconds,
  MEDIA_THUMBNAIL_WIDTHS: { bad: 'small,large', good: '160,640' },
  MEDIA_WORKER_METRICS_PORT: kinds.port,
  // notifications
  SMTP_URL: { bad: 'http://mail.example.com', good: 'smtp://user:pass@mail.example.com:587' },
  MAIL_FROM: { bad: 'x', good: 'Courses <courses@example.com>' },
  APP_URL: kinds.url,
  MAIL_RATE_LIMIT: kinds.wholeNumber,
  MAIL_RATE_WINDOW_MS: kinds.milliseconds,
  MAIL_RATE_REDIS_URL: kinds.redisUrl,
  MAIL_MAX_ATTEMPTS: { bad: 'abc', good: '5' },
  MAIL_RETRY_BACKOFF_MS: kinds.milliseconds,
  MAIL_MAX_BACKOFF_MS: kinds.milliseconds,
  MAIL_POLL_MS: kinds.milliseconds,
  // tracing
  OTEL_SDK_DISABLED: kinds.boolean,
  OTEL_SERVICE_NAME: { readBy: 'OpenTelemetry as the service name (any text is a valid one)' },
  OTEL_TRACES_EXPORTER: { bad: 'carrier-pigeon', good: 'none' },
  OTEL_EXPORTER_OTLP_ENDPOINT: kinds.url,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: kinds.url,
};

const isChecked = (kind: Kind): kind is Checked => 'bad' in kind;

/** `NAME` → the value `.env.example` shows (`# NAME=value` or `NAME=value`), and whether the line is commented. */
async function envExample(): Promise<Map<string, { value: string; commented: boolean }>> {
  const text = await fs.readFile(path.join(REPO_ROOT, '.env.example'), 'utf8');
  const listed = new Map<string, { value: string; commented: boolean }>();
  for (const match of text.matchAll(/^(#\s*)?([A-Z][A-Z0-9_]{2,})=(.*)$/gm))
    listed.set(match[2]!, { value: match[3]!.trim(), commented: match[1] !== undefined });
  return listed;
}

/** The ConfigError `loadStackSettings` throws for `env`, or null when it loads. */
function refusal(env: Env): ConfigError | null {
  try {
    loadStackSettings(env);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

const checkedVariables = Object.entries(VARIABLES).filter((entry): entry is [string, Checked] => isChecked(entry[1]));

describe('case 5: every setting reaches its service in npm start, and a bad one stops the start', () => {
  it('classifies every variable .env.example lists (a new variable needs a row in this table)', async () => {
    const listed = [...(await envExample()).keys()];
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.filter((name) => !(name in VARIABLES))).toEqual([]);
    expect(Object.keys(VARIABLES).filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('loads with nothing set, and with each default .env.example shows', async () => {
    expect(refusal({})).toBeNull();
    const shown = [...(await envExample())].filter(([, line]) => line.commented && line.value !== '');
    expect(shown.length).toBeGreaterThan(30);
    const refused = shown.map(([name, { value }]) => ({ name, value, error: refusal({ [name]: value })?.message })).filter((result) => result.error);
    expect(refused).toEqual([]);
  });

  it.each(checkedVariables)('%s: a good value loads', (name, { good }) => {
    expect(refusal({ [name]: good })?.message ?? null).toBeNull();
  });

  it.each(checkedVariables)('%s: a bad value stops the one-process stack, named in the one message', (name, { bad }) => {
    const error = refusal({ [name]: bad });
    expect(error).not.toBeNull();
    expect(error!.service).toBe('skillgraph');
    expect(error!.message.startsWith('skillgraph: invalid configuration:\n  - ')).toBe(true);
    expect(error!.problems.filter((problem) => problem.includes(name))).not.toEqual([]);
  });

  it('lists every bad variable at once, whichever service reads it', () => {
    const env = Object.fromEntries(checkedVariables.map(([name, { bad }]) => [name, bad]));
    const error = refusal(env);
    expect(error).not.toBeNull();
    const missing = checkedVariables.map(([name]) => name).filter((name) => !error!.problems.some((problem) => problem.includes(name)));
    expect(missing).toEqual([]);
  });

  it('refuses the values of the hardening issue, each with its reason', () => {
    const error = refusal({ MEDIA_MAX_IMAGE_BYTES: 'abc', MEDIA_QUOTA_BYTES: 'lots', MEDIA_URL_SECRET: 'short', CERTIFICATE_URL_TTL: 'soon' });
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        'MEDIA_MAX_IMAGE_BYTES: must be a number of bytes',
        'MEDIA_QUOTA_BYTES: must be a number of bytes',
        expect.stringMatching(/^MEDIA_URL_SECRET: must be base64 of at least 32 random bytes/),
        'CERTIFICATE_URL_TTL: must be a number of seconds',
      ]),
    );
  });
});

describe('case 5: good values change what the stack npm start starts does, seen through its gateway', () => {
  let dataDir: string;
  let stack: Stack | undefined;
  const started = Date.now();

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-settings-'));
    const env: Env = {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SEED: 'true',
      WEB_CLIENT_DIR: 'none',
      EVENTS_FSYNC: 'false',
      GATEWAY_PORT: String(await freePort()),
      USERS_PORT: String(await freePort()),
      COURSES_PORT: String(await freePort()),
      ASSESSMENTS_PORT: String(await freePort()),
      MEDIA_PORT: String(await freePort()),
      NOTIFICATIONS_PORT: String(await freePort()),
      MEDIA_MAX_IMAGE_BYTES: '15000',
      MEDIA_QUOTA_BYTES: '20000',
      MEDIA_URL_TTL_COURSE_DOCUMENT: '60',
      CERTIFICATE_URL_TTL: '60',
      ACCESS_TOKEN_TTL: '60s',
      MAX_DEPTH: '4',
    };
    stack = await startConfiguredStack(loadStackSettings(env), createLogger({ service: 'test', level: 'silent' }));
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('ACCESS_TOKEN_TTL=60s: tokens live 60 s', async () => {
    const grace = await login(stack!, 'grace@skillgraph.dev');
    const claims = JSON.parse(Buffer.from(grace.token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('MAX_DEPTH=4: a deeper query is refused at the gateway', async () => {
    const deep = await anonymous(stack!).gql('{ courses(first: 1) { edges { node { lessons { media { filename } } } } } }');
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('MEDIA_MAX_IMAGE_BYTES and MEDIA_QUOTA_BYTES: a larger image is refused, and the quota is honoured', async () => {
    const uploader = await register(stack!, 'Settings Uploader');
    const tooLarge = await pngBytes(80, 80);
    expect(tooLarge.length).toBeGreaterThan(15_000);
    const refused = await uploadThroughGateway(stack!, uploader, { bytes: tooLarge, filename: 'large.png', mimetype: 'image/png', kind: 'IMAGE' });
    expect(refused.errors?.[0]?.message).toBe('IMAGE files may be at most 15000 bytes.');

    const first = await pngBytes(64, 64);
    expect(first.length).toBeLessThan(15_000);
    const accepted = ok(await uploadThroughGateway(stack!, uploader, { bytes: first, filename: 'first.png', mimetype: 'image/png', kind: 'IMAGE' }));
    expect(accepted.uploadMedia.size).toBe(first.length);
    // 2 × ~12.4 kB is over the 20 kB quota.
    const second = await uploadThroughGateway(stack!, uploader, {
      bytes: await pngBytes(64, 64),
      filename: 'second.png',
      mimetype: 'image/png',
      kind: 'IMAGE',
    });
    expect(second.errors?.[0]?.extensions?.code).toBe('QUOTA_EXCEEDED');

    // MEDIA_URL_TTL_COURSE_DOCUMENT=60: course material that is not video is signed for 60 s, in a
    // 60 s signing window (so 60 to 120 s ahead), once the in-process worker has passed it.
    const url = await eventually(
      'the asset to be served',
      async () => {
        const { mediaAsset } = ok(
          await uploader.gql<{ mediaAsset: { url: { url: string; expiresAt: string } | null } }>(
            'query ($id: ID!) { mediaAsset(id: $id) { url { url expiresAt } } }',
            {
              id: accepted.uploadMedia.id,
            },
          ),
        );
        return mediaAsset.url ?? undefined;
      },
      60_000,
    );
    const secondsAhead = (new Date(url.expiresAt).getTime() - Date.now()) / 1000;
    expect(secondsAhead).toBeGreaterThan(0);
    expect(secondsAhead).toBeLessThanOrEqual(120);
    expect(Number(new URL(url.url).searchParams.get('expires')) * 1000).toBe(new Date(url.expiresAt).getTime());
  }, 120_000);

  it('CERTIFICATE_URL_TTL=60: a certificate PDF link expires 60 s after it is handed out', async () => {
    const grace = await login(stack!, 'grace@skillgraph.dev');
    const course = await publishedCourseWithFinal(grace, 'Settings reach their service', 1);
    const student = await register(stack!, 'Settings Student');
    ok(await student.gql(LEARNER.enroll, { id: course.courseId }));
    ok(await student.gql(LEARNER.progress, { lesson: course.lessonIds[0], pos: 600, done: true }));
    const { startAttempt } = await onceProjected('the enrollment to reach the assessments subgraph', () =>
      student.gql<{ startAttempt: { id: string } }>(LEARNER.start, { id: course.assessment.id }),
    );
    ok(await student.gql(LEARNER.submit, { id: startAttempt.id, answers: answersFor(course.assessment, 'right') }));
    const pdfUrl = await eventually(
      'the certificate',
      async () => {
        const { me } = ok(await student.gql<{ me: { certificates: { pdfUrl: string }[] } }>('{ me { certificates { pdfUrl } } }'));
        return me.certificates[0]?.pdfUrl;
      },
      60_000,
    );
    const handedOut = Date.now();
    const expires = Number(new URL(pdfUrl).searchParams.get('expires'));
    expect(expires * 1000 - handedOut).toBeGreaterThan(0);
    expect(expires * 1000 - handedOut).toBeLessThanOrEqual(61_000);
    expect(handedOut).toBeGreaterThan(started);
  }, 120_000);
});

describe('case 5: scripts/start.ts refuses a bad variable', () => {
  it('exits non-zero with the message naming it, and never serves', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-settings-start-'));
    const ports = ['GATEWAY_PORT', 'USERS_PORT', 'COURSES_PORT', 'ASSESSMENTS_PORT', 'MEDIA_PORT', 'NOTIFICATIONS_PORT'];
    const env: Record<string, string> = { DATA_DIR: dataDir, WEB_CLIENT_DIR: 'none', SEED: 'false', MEDIA_MAX_IMAGE_BYTES: 'abc' };
    for (const name of ports) env[name] = String(await freePort());
    const running = runStartScript(env);
    try {
      // On a start that ignores the variable the stack comes up: stop waiting then, and fail below.
      const ready = new Promise<'ready'>((resolve) => {
        const timer = setInterval(() => {
          if (running.output().includes('SkillGraph is ready')) {
            clearInterval(timer);
            resolve('ready');
          }
        }, 100);
        void running.exited.then(() => clearInterval(timer));
      });
      const outcome = await Promise.race([running.exited, ready]);
      expect(running.output()).toContain('skillgraph: invalid configuration:\n  - MEDIA_MAX_IMAGE_BYTES: must be a number of bytes');
      expect(outcome).toBe(1);
      expect(running.output()).not.toContain('SkillGraph is ready');
    } finally {
      // SIGINT, not SIGKILL: tsx passes it on to the node process it runs, which a SIGKILL of tsx
      // would leave running (holding the ports and this test's pipes).
      if (running.child.exitCode === null) {
        running.child.kill('SIGINT');
        const stopped = await Promise.race([
          running.exited.then(() => true),
          new Promise<false>((resolve) => setTimeout(() => resolve(false), 60_000).unref()),
        ]);
        if (!stopped) running.child.kill('SIGKILL');
        await running.exited;
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('case 5: a service started on its own lists its own settings with the common ones', () => {
  it('the media subgraph refuses a bad PORT and bad media settings in one message', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-settings-media-'));
    const child = spawnTracked(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'subgraphs', 'media', 'src', 'index.ts')], {
      label: 'media subgraph with bad settings',
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: dataDir,
        GATEWAY_SECRET: 'a-secret-of-at-least-thirty-two-characters',
        PORT: 'abc',
        MEDIA_MAX_IMAGE_BYTES: 'abc',
        MEDIA_URL_TTL_COURSE_DOCUMENT: 'soon',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      expect(await exited).toBe(1);
      expect(output).toContain('media: invalid configuration:');
      expect(output).toContain('  - PORT: must be a port number');
      expect(output).toContain('  - MEDIA_MAX_IMAGE_BYTES: must be a number of bytes');
      expect(output).toContain('  - MEDIA_URL_TTL_COURSE_DOCUMENT: must be a number of seconds or a duration');
    } finally {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
