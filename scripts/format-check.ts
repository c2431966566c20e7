/**
 * `npm run format:check`: every tracked TypeScript file (.ts, .tsx) is formatted by Prettier (.prettierrc.json),
 * except the files listed in scripts/format-baseline.txt, which predate the formatter and are
 * reformatted when next edited (reformatting them all at once would collide with work in flight).
 * A new file is never in the baseline, so new code is always checked.
 *
 *   npm run format:check                       # fails listing each unformatted file
 *   npm run format:check -- --write-baseline   # rewrites the baseline to today's unformatted files
 *   npm run format -- <files>                  # formats files (then drop them from the baseline)
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

const ROOT = path.resolve(__dirname, '..');
const BASELINE = path.join(ROOT, 'scripts', 'format-baseline.txt');

async function trackedTypeScript(): Promise<string[]> {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' });
  // Generated code (resolver types, the web client's gql/) is checked for drift, not for style.
  const files = listed.split('\0').filter((file) => file.length > 0 && !file.includes('/generated/') && !file.startsWith('web/src/gql/'));
  const present = await Promise.all(
    files.map((file) =>
      fs.access(path.join(ROOT, file)).then(
        () => file,
        () => null,
      ),
    ),
  );
  return present.filter((file): file is string => file !== null).sort();
}

async function isFormatted(file: string): Promise<boolean> {
  const full = path.join(ROOT, file);
  const options = await prettier.resolveConfig(full);
  return prettier.check(await fs.readFile(full, 'utf8'), { ...options, filepath: full });
}

async function main(): Promise<void> {
  const files = await trackedTypeScript();
  const unformatted: string[] = [];
  for (const file of files) if (!(await isFormatted(file))) unformatted.push(file);

  if (process.argv.includes('--write-baseline')) {
    const header = '# Files that predate Prettier; format one when you edit it, then delete its line (scripts/format-check.ts).\n';
    await fs.writeFile(BASELINE, header + unformatted.map((file) => `${file}\n`).join(''));
    console.log(`baseline: ${unformatted.length} of ${files.length} files`);
    return;
  }
  const baseline = new Set(
    (await fs.readFile(BASELINE, 'utf8').catch(() => ''))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith('#')),
  );
  const failing = unformatted.filter((file) => !baseline.has(file));
  const cleared = [...baseline].filter((file) => files.includes(file) && !unformatted.includes(file));
  if (cleared.length > 0) console.log(`now formatted, can leave the baseline: ${cleared.join(', ')}`);
  if (failing.length > 0) {
    console.error(`not formatted (run: npm run format -- <file>):\n${failing.map((file) => `  ${file}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`${files.length - baseline.size} files checked, all formatted (${baseline.size} in the baseline)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
