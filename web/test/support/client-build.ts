import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../packages/stack/test/support/stack';

const run = promisify(execFile);

// Vite is ESM-only and jest runs tests as CommonJS, so `build()` runs in a child Node process.
const BUILD_SCRIPT = `
import { build } from 'vite';
const [configFile, outDir] = process.argv.slice(1);
await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
`;

/** Builds today's web client with Vite's programmatic `build()` into `outDir` (index.html + assets/). */
export async function buildWebClient(outDir: string): Promise<void> {
  const configFile = path.join(REPO_ROOT, 'web', 'vite.config.ts');
  try {
    await run(process.execPath, ['--input-type=module', '-e', BUILD_SCRIPT, configFile, outDir], {
      cwd: REPO_ROOT,
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`vite build failed: ${failed.stderr || failed.stdout || failed.message}`);
  }
}
