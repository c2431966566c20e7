/**
 * `.env.example` documents every environment variable the code reads. The scan finds
 * `process.env.NAME` anywhere in the services' source, and in configuration modules (files whose
 * name contains "config", the only ones that read the environment) every UPPER_SNAKE key of a
 * settings schema and every `source.NAME`-style read. A variable added without documenting it
 * fails here, naming the file that reads it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_ROOTS = ['gateway/src', 'packages', 'subgraphs', 'scripts', 'bench', 'schema'];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (['node_modules', 'test', 'generated', 'dist'].includes(entry.name)) continue;
      files.push(...(await sourceFiles(full)));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files;
}

const NAME = '[A-Z][A-Z0-9_]{2,}';
const PROCESS_ENV = new RegExp(`process\\.env(?:\\.(${NAME})|\\[['"](${NAME})['"]\\])`, 'g');
const SCHEMA_KEY = new RegExp(`^\\s*(${NAME})\\??:`, 'gm');
const ENV_READ = new RegExp(`\\b(?:source|env|raw|config|parsed|value|e)\\.(${NAME})\\b`, 'g');

/** Every variable the code reads, with the files that read it. */
export async function variablesReadByCode(): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const add = (name: string | undefined, file: string): void => {
    if (!name) return;
    const files = found.get(name) ?? new Set<string>();
    files.add(path.relative(ROOT, file));
    found.set(name, files);
  };
  for (const root of SOURCE_ROOTS) {
    for (const file of await sourceFiles(path.join(ROOT, root))) {
      const text = await fs.readFile(file, 'utf8');
      for (const match of text.matchAll(PROCESS_ENV)) add(match[1] ?? match[2], file);
      if (!path.basename(file).includes('config')) continue;
      for (const match of text.matchAll(SCHEMA_KEY)) add(match[1], file);
      for (const match of text.matchAll(ENV_READ)) add(match[1], file);
    }
  }
  return found;
}

/** The operating system's own variables, passed on to child processes (benchmarks, tools). */
const OPERATING_SYSTEM = new Set(['PATH', 'HOME', 'TMPDIR', 'USER', 'SHELL', 'LANG', 'CI']);

/** Names `.env.example` documents, set (`NAME=`) or shown with their default (`# NAME=`). */
async function documented(): Promise<Set<string>> {
  const text = await fs.readFile(path.join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(new RegExp(`^#?\\s*(${NAME})=`, 'gm'))].map((match) => match[1]!));
}

test('every environment variable the code reads is documented in .env.example', async () => {
  const read = await variablesReadByCode();
  const listed = await documented();
  // The scan must see the well-known ones, or it is not scanning at all.
  for (const known of ['DATA_DIR', 'MONGODB_URI', 'KAFKA_BROKERS', 'GATEWAY_SECRET', 'PORT']) expect(read.has(known)).toBe(true);
  const undocumented = [...read]
    .filter(([name]) => !listed.has(name) && !OPERATING_SYSTEM.has(name))
    .map(([name, files]) => `${name} (read in ${[...files].join(', ')})`);
  expect(undocumented).toEqual([]);
});

test('the scan finds a variable read through process.env in a service file', async () => {
  // Pins the pattern the test above relies on, with a name no real code uses.
  const sample = "const level = process.env.SKILLGRAPH_SAMPLE_ONLY ?? process.env['SKILLGRAPH_OTHER'];";
  expect([...sample.matchAll(PROCESS_ENV)].map((match) => match[1] ?? match[2])).toEqual(['SKILLGRAPH_SAMPLE_ONLY', 'SKILLGRAPH_OTHER']);
});
