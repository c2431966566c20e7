import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { classifyChanges } from './classify';
import { composeSupergraph } from './composition';
import { REPO_ROOT, SUPERGRAPH_PATH } from './subgraphs';

/**
 * `npm run schema:check`:
 * 1. composes the subgraph schemas (fails on composition errors);
 * 2. fails when schema/supergraph.graphql is not what composition produces (run `npm run compose`);
 * 3. classifies every client-facing change against the base supergraph as breaking, dangerous or
 *    safe, and fails on breaking ones unless a commit since the base carries the trailer
 *    `Schema-Change: breaking` (the explicit acknowledgement).
 * The base is the git revision given as `--base <rev>`, else HEAD~1; without one (first commit) step 3 is skipped.
 */
const BREAKING_TRAILER = /^Schema-Change:\s*breaking\s*$/im;

const git = (...args: string[]): string | null => {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
};

async function main(): Promise<number> {
  const composed = composeSupergraph();
  if (!composed.ok) {
    console.error(`✗ composition failed:\n${composed.errors.map((error) => `  - ${error}`).join('\n')}`);
    return 1;
  }
  console.log('✓ subgraphs compose');

  const committed = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  if (committed.trim() !== composed.supergraphSdl.trim()) {
    console.error('✗ schema/supergraph.graphql is stale: run `npm run compose` and commit the result');
    return 1;
  }
  console.log('✓ committed supergraph is up to date');

  const baseFlag = process.argv.indexOf('--base');
  const baseRef = (baseFlag >= 0 ? process.argv[baseFlag + 1] : undefined) ?? 'HEAD~1';
  const baseSdl = git('show', `${baseRef}:schema/supergraph.graphql`);
  if (baseSdl === null) {
    console.log(`- no supergraph at ${baseRef}; nothing to compare against`);
    return 0;
  }
  const changes = await classifyChanges(baseSdl, composed.supergraphSdl);
  for (const change of changes) console.log(`  ${change.class.padEnd(9)} ${change.path ?? ''}: ${change.message}`);
  const breaking = changes.filter((change) => change.class === 'breaking');
  console.log(`${changes.length} change(s) against ${baseRef}: ${breaking.length} breaking, ${changes.filter((c) => c.class === 'dangerous').length} dangerous`);
  if (breaking.length === 0) return 0;
  const messages = git('log', '--format=%B', `${baseRef}..HEAD`) ?? '';
  if (BREAKING_TRAILER.test(messages)) {
    console.log('! breaking changes acknowledged by a `Schema-Change: breaking` commit trailer');
    return 0;
  }
  console.error('✗ breaking changes: add the trailer `Schema-Change: breaking` to the commit if they are intended');
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
