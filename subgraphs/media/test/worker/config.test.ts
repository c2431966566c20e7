import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError } from '@skillgraph/platform';
import { loadWorkerConfig } from '../../src/worker/config';

const REPO_ROOT = join(__dirname, '../../../..');

describe('media worker configuration', () => {
  it('scans with clamd when CLAMAV_HOST or CLAMAV_SOCKET is set, and says NOT_SCANNED otherwise', () => {
    expect(loadWorkerConfig({ CLAMAV_HOST: 'clamav', CLAMAV_PORT: '3311' }).scanner).toEqual({ kind: 'clamd', host: 'clamav', port: 3311, timeoutMs: 60_000 });
    expect(loadWorkerConfig({ CLAMAV_SOCKET: '/run/clamav/clamd.ctl' }).scanner).toMatchObject({ kind: 'clamd', socketPath: '/run/clamav/clamd.ctl' });
    expect(loadWorkerConfig({}).scanner).toEqual({ kind: 'none', why: 'not-configured' });
    expect(loadWorkerConfig({ CLAMAV_HOST: 'clamav', VIRUS_SCAN: 'off' }).scanner).toEqual({ kind: 'none', why: 'off' });
  });

  it('serves the standalone worker /metrics only when MEDIA_WORKER_METRICS_PORT is set', () => {
    expect(loadWorkerConfig({}).metricsPort).toBeNull();
    expect(loadWorkerConfig({ MEDIA_WORKER_METRICS_PORT: '' }).metricsPort).toBeNull();
    expect(loadWorkerConfig({ MEDIA_WORKER_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(() => loadWorkerConfig({ MEDIA_WORKER_METRICS_PORT: 'metrics' })).toThrow(/MEDIA_WORKER_METRICS_PORT: must be a port number/);
    expect(() => loadWorkerConfig({ MEDIA_WORKER_METRICS_PORT: '70000' })).toThrow(/MEDIA_WORKER_METRICS_PORT: must be between 1 and 65535/);
  });

  it('refuses production without a scanner unless VIRUS_SCAN=off, naming every bad variable at once', () => {
    expect(() => loadWorkerConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ NODE_ENV: 'production' })).toThrow(/CLAMAV_HOST: is required in production .*VIRUS_SCAN=off/);
    expect(loadWorkerConfig({ NODE_ENV: 'production', VIRUS_SCAN: 'off' }).scanner).toEqual({ kind: 'none', why: 'off' });
    expect(loadWorkerConfig({ NODE_ENV: 'production', CLAMAV_HOST: 'clamav' }).scanner.kind).toBe('clamd');

    const problems = (() => {
      try {
        loadWorkerConfig({ MEDIA_THUMBNAIL_WIDTHS: '160,abc', MEDIA_WORKER_MAX_ATTEMPTS: '0', VIRUS_SCAN: 'maybe' });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MEDIA_THUMBNAIL_WIDTHS: /),
        expect.stringMatching(/^MEDIA_WORKER_MAX_ATTEMPTS: /),
        expect.stringMatching(/^VIRUS_SCAN: /),
      ]),
    );
  });

  it('the standalone worker process exits with the message when production has no scanner', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'subgraphs/media/src/worker/index.ts')], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        MEDIA_URL_SECRET: Buffer.alloc(32, 7).toString('base64'),
        DATA_DIR: '/nonexistent-never-created',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('media-worker: invalid configuration');
    expect(run.stderr).toContain('CLAMAV_HOST: is required in production');
  }, 180_000);
});

describe('media worker unpacking bounds', () => {
  it('has a default for every bound, reads each from its variable, and names every bad value at once', () => {
    expect(loadWorkerConfig({}).limits).toEqual({
      archive: { maxBytes: 64 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 },
      imageMaxPixels: 100_000_000,
      pdf: { maxPages: 2000, timeoutMs: 60_000 },
      media: { maxDurationSeconds: 14_400, maxDimension: 4096, probeTimeoutMs: 30_000 },
    });
    expect(
      loadWorkerConfig({
        MEDIA_ARCHIVE_MAX_BYTES: '1048576',
        MEDIA_ARCHIVE_MAX_RATIO: '50',
        MEDIA_ARCHIVE_MAX_ENTRIES: '500',
        MEDIA_IMAGE_MAX_PIXELS: '40000000',
        MEDIA_PDF_MAX_PAGES: '300',
        MEDIA_PDF_TIMEOUT_MS: '5000',
        MEDIA_MAX_DURATION_SECONDS: '3600',
        MEDIA_VIDEO_MAX_DIMENSION: '1920',
        MEDIA_PROBE_TIMEOUT_MS: '2000',
      }).limits,
    ).toEqual({
      archive: { maxBytes: 1_048_576, maxRatio: 50, maxEntries: 500 },
      imageMaxPixels: 40_000_000,
      pdf: { maxPages: 300, timeoutMs: 5000 },
      media: { maxDurationSeconds: 3600, maxDimension: 1920, probeTimeoutMs: 2000 },
    });
    const problems = (() => {
      try {
        loadWorkerConfig({ MEDIA_ARCHIVE_MAX_BYTES: 'lots', MEDIA_ARCHIVE_MAX_RATIO: '1', MEDIA_PDF_MAX_PAGES: '0', MEDIA_VIDEO_MAX_DIMENSION: '8.5' });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MEDIA_ARCHIVE_MAX_BYTES: must be a number/),
        expect.stringMatching(/^MEDIA_ARCHIVE_MAX_RATIO: must be at least 2/),
        expect.stringMatching(/^MEDIA_PDF_MAX_PAGES: must be at least 1/),
        expect.stringMatching(/^MEDIA_VIDEO_MAX_DIMENSION: must be a whole number/),
      ]),
    );
  });
});
