import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CLAMD_PORT = 3310;

/**
 * True when clamd is installed (Debian package clamav-daemon). Without it a developer's run skips
 * the scanner suites with a message; CI, which installs it, must run them.
 */
export function clamdAvailable(): boolean {
  const available = existsSync('/usr/sbin/clamd') || spawnSync('clamd', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!available && process.env.CI === 'true')
    throw new Error('clamd is not installed, but CI must run the virus-scan suites (apt-get install -y clamav-daemon)');
  if (!available) console.warn('SKIPPED: clamd is not installed (apt-get install -y clamav-daemon); the virus-scan tests did not run');
  return available;
}

/** Starts clamd with the EICAR-only database through the CI script (a no-op when it already runs). */
export function ensureClamd(): { host: string; port: number } {
  const script = join(__dirname, '../../../../../scripts/ci/start-clamd.sh');
  const run = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, CLAMD_PORT: String(CLAMD_PORT) }, timeout: 90_000 });
  if (run.status !== 0) throw new Error(`start-clamd.sh failed: ${run.stderr}${run.stdout}`);
  return { host: '127.0.0.1', port: CLAMD_PORT };
}
