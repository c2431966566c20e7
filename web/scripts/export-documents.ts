import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientOperationTexts } from './client-operations';

/**
 * Writes each operation of the web client to documents/operations/web/<OperationName>.graphql,
 * exactly as the client sends it, for `npm run documents:register` (the trusted-documents
 * manifest is keyed by the SHA-256 of that text). Run by `npm run web:codegen` after generation;
 * files of operations that no longer exist are removed.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'documents', 'operations', 'web');

async function main(): Promise<void> {
  const operations = clientOperationTexts();
  await fs.mkdir(OUT, { recursive: true });
  const wanted = new Set(operations.map(({ name }) => `${name}.graphql`));
  for (const file of await fs.readdir(OUT)) {
    if (file.endsWith('.graphql') && !wanted.has(file)) await fs.rm(path.join(OUT, file));
  }
  for (const { name, text } of operations) await fs.writeFile(path.join(OUT, `${name}.graphql`), `${text}\n`);
  console.log(`exported ${operations.length} web operations to ${path.relative(ROOT, OUT)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
