import { generate } from '@graphql-codegen/cli';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import config from '../codegen';
import { importTypedDocumentNodeFromUrql } from './generated-files';

/**
 * Fails (exit 1, naming the files) when web/src/gql/ is not what `npm run web:codegen` would write
 * from today's operations and supergraph: the client preset runs in memory, its output goes
 * through the same Prettier and import rewrite as after a real run, and is compared with the files.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  process.chdir(ROOT);
  const outputs = (await generate({ ...config, hooks: {}, silent: true }, false)) as { filename: string; content: string }[];
  const stale: string[] = [];
  for (const { filename, content } of outputs) {
    const full = path.resolve(ROOT, filename);
    const options = await prettier.resolveConfig(full);
    const expected = importTypedDocumentNodeFromUrql(await prettier.format(content, { ...options, filepath: full }));
    const actual = await fs.readFile(full, 'utf8').catch(() => '');
    if (actual !== expected) stale.push(path.relative(ROOT, full));
  }
  if (stale.length > 0) {
    console.error(`stale generated client code (run npm run web:codegen and commit): ${stale.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`web/src/gql is current (${outputs.length} files)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
