import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trackProcess } from '../../../../../test/support/child-processes';
import { recordSkip } from '../../../../../test/support/skips';

export const CLAMD_PORT = 3310;

/**
 * True when clamd is installed (Debian package clamav-daemon). Without it a developer's run skips
 * the scanner suites with a message; CI, which installs it, must run them.
 */
export function clamdAvailable(): boolean {
  const available = existsSync('/usr/sbin/clamd') || spawnSync('clamd', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!available && process.env.CI === 'true')
    throw new Error('clamd is not installed, but CI must run the virus-scan suites (apt-get install -y clamav-daemon)');
  if (!available) recordSkip('clamd is not installed (apt-get install -y clamav-daemon); the virus-scan tests did not run');
  return available;
}

/**
 * Starts clamd with the EICAR-only database through the CI script (a no-op when it already runs).
 * A clamd this run started is recorded as the run's service: the global teardown stops it.
 */
export function ensureClamd(): { host: string; port: number } {
  const script = join(__dirname, '../../../../../scripts/ci/start-clamd.sh');
  const run = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, CLAMD_PORT: String(CLAMD_PORT) }, timeout: 90_000 });
  if (run.status !== 0) throw new Error(`start-clamd.sh failed: ${run.stderr}${run.stdout}`);
  const started = /config and database in (\S+)\)/.exec(run.stdout)?.[1];
  if (started) {
    const pid = Number(readFileSync(join(started, 'clamd.pid'), 'utf8').trim());
    if (pid > 0) trackProcess({ pid, group: false, kind: 'service', label: 'clamd (EICAR-only database)', command: 'clamd' });
  }
  return { host: '127.0.0.1', port: CLAMD_PORT };
}
