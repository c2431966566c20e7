/**
 * Skips that say why. A suite that cannot run here (no clamd, no kcat, no chromium, an adapter a
 * case does not apply to) registers its reason; scripts/test/skip-reporter.js prints every skipped
 * test with the reasons of its file in a "Skipped:" block after jest's summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RUN_DIR_ENV } from './child-processes';

/** Records why (part of) the current test file is skipped, for the run's skip report. */
export function recordSkip(reason: string): void {
  let testPath = 'unknown';
  try {
    testPath = expect.getState().testPath ?? 'unknown';
  } catch {
    // outside a test file: the reason still reaches the console below
  }
  const runDir = process.env[RUN_DIR_ENV];
  if (runDir) fs.appendFileSync(path.join(runDir, 'skips.jsonl'), `${JSON.stringify({ testPath, reason })}\n`);
  else console.warn(`SKIPPED (${path.basename(testPath)}): ${reason}`);
}

/**
 * `block` when `condition` holds, else `block.skip` with `reason` recorded:
 * `runIf(clamdAvailable(), 'clamd is not installed', describe)('clamd client', ...)`.
 */
export function runIf<T extends jest.Describe | jest.It>(condition: boolean, reason: string, block: T): T {
  if (condition) return block;
  recordSkip(reason);
  return block.skip as T;
}
