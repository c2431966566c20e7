import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientOperationTexts } from './client-operations';
import { importTypedDocumentNodeFromUrql } from './generated-files';

/**
 * Runs after `npm run web:codegen` has written web/src/gql/:
 * 1. The generated files take `TypedDocumentNode` from @urql/core (see generated-files.ts).
 * 2. Each operation is written to documents/operations/web/<OperationName>.graphql exactly as the
 *    client sends it, for `npm run documents:register` (the trusted-documents manifest is keyed by
 *    the SHA-256 of that text); files of operations that no longer exist are removed.
 * 3. `npm run documents:register` rewrites documents/manifest.json from every exported operation.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GENERATED = path.join(ROOT, 'web', 'src', 'gql');
const OUT = path.join(ROOT, 'documents', 'operations', 'web');

async function rewriteImports(): Promise<void> {
  for (const file of ['gql.ts', 'graphql.ts']) {
    const full = path.join(GENERATED, file);
    await fs.writeFile(full, importTypedDocumentNodeFromUrql(await fs.readFile(full, 'utf8')));
  }
}

async function exportOperations(): Promise<void> {
  const operations = clientOperationTexts();
  await fs.mkdir(OUT, { recursive: true });
  const wanted = new Set(operations.map(({ name }) => `${name}.graphql`));
  for (const file of await fs.readdir(OUT)) {
    if (file.endsWith('.graphql') && !wanted.has(file)) await fs.rm(path.join(OUT, file));
  }
  for (const { name, text } of operations) await fs.writeFile(path.join(OUT, `${name}.graphql`), `${text}\n`);
  console.log(`exported ${operations.length} web operations to ${path.relative(ROOT, OUT)}`);
}

rewriteImports()
  .then(exportOperations)
  .then(() => execFileSync('npm', ['run', '--silent', 'documents:register'], { cwd: ROOT, stdio: 'inherit' }))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
