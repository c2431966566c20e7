import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, validate, type DocumentNode } from 'graphql';
import { apiSchemaOf } from '../schema/classify';
import { documentHash, MANIFEST_FORMAT, readManifest, type TrustedDocumentsManifest } from '../gateway/src/trusted-documents';

/**
 * Trusted documents (docs/edge.md):
 *   register [--out <manifest>] [<folder>...]  writes the manifest of every .graphql file under the
 *                                              folders (default documents/operations → documents/manifest.json)
 *   check [<manifest>]                         fails unless every document parses, holds an operation
 *                                              and validates against schema/supergraph.graphql
 * Each file is one document exactly as the client sends it (trimmed); its SHA-256 is the key.
 */

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_FOLDER = path.join(ROOT, 'documents', 'operations');
const DEFAULT_MANIFEST = path.join(ROOT, 'documents', 'manifest.json');
const SUPERGRAPH = path.join(ROOT, 'schema', 'supergraph.graphql');

async function graphqlFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return graphqlFiles(full);
      return Promise.resolve(/\.(graphql|gql)$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat().sort();
}

async function register(args: string[]): Promise<void> {
  let out = DEFAULT_MANIFEST;
  const folders: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--out') out = path.resolve(args[++i] ?? '');
    else folders.push(path.resolve(args[i]!));
  }
  const documents: Record<string, string> = {};
  for (const folder of folders.length > 0 ? folders : [DEFAULT_FOLDER]) {
    for (const file of await graphqlFiles(folder)) {
      const text = (await fs.readFile(file, 'utf8')).trim();
      parse(text); // a file that does not parse is refused here, not at the gateway
      documents[documentHash(text)] = text;
    }
  }
  const manifest: TrustedDocumentsManifest = { format: MANIFEST_FORMAT, documents };
  await fs.writeFile(out, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${Object.keys(documents).length} documents to ${path.relative(process.cwd(), out) || out}`);
}

/** Problems of each document against the API schema of the committed supergraph; empty when all pass. */
export async function checkManifest(file: string, supergraphFile = SUPERGRAPH): Promise<string[]> {
  const manifest = readManifest(file);
  const schema = apiSchemaOf(await fs.readFile(supergraphFile, 'utf8'));
  const problems: string[] = [];
  for (const [hash, text] of Object.entries(manifest.documents)) {
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      problems.push(`${hash.slice(0, 12)}: ${(error as Error).message}`);
      continue;
    }
    const name = document.definitions.find((definition) => definition.kind === 'OperationDefinition')?.name?.value;
    if (!document.definitions.some((definition) => definition.kind === 'OperationDefinition')) problems.push(`${hash.slice(0, 12)}: holds no operation`);
    for (const error of validate(schema, document)) problems.push(`${hash.slice(0, 12)} (${name ?? 'anonymous'}): ${error.message}`);
  }
  return problems;
}

async function check(args: string[]): Promise<void> {
  const file = path.resolve(args[0] ?? DEFAULT_MANIFEST);
  const problems = await checkManifest(file);
  if (problems.length > 0) {
    console.error(`trusted documents in ${path.relative(process.cwd(), file)} do not validate against the supergraph:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${Object.keys(readManifest(file).documents).length} trusted documents validate against the supergraph`);
}

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  const run = command === 'register' ? register : command === 'check' ? check : undefined;
  if (!run) {
    console.error('usage: documents register [--out <manifest>] [<folder>...] | documents check [<manifest>]');
    process.exitCode = 2;
  } else {
    run(args).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
  }
}
