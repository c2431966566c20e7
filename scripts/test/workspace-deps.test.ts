/**
 * Each workspace package declares the packages its source imports (so it can be installed and
 * reasoned about on its own) and reaches other workspaces only through their package name, never
 * through a relative path out of its own folder.
 */
import { builtinModules } from 'node:module';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
const BUILTINS = new Set(builtinModules);

async function workspaceFolders(): Promise<string[]> {
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const folders: string[] = [];
  for (const pattern of manifest.workspaces) {
    const candidates = pattern.endsWith('/*')
      ? (await fs.readdir(path.join(ROOT, pattern.slice(0, -2)))).map((entry) => path.join(pattern.slice(0, -2), entry))
      : [pattern];
    for (const folder of candidates) {
      if (
        await fs.access(path.join(ROOT, folder, 'package.json')).then(
          () => true,
          () => false,
        )
      )
        folders.push(folder);
    }
  }
  return folders;
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (entry): Promise<string[]> => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
      return entry.name.endsWith('.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

/** `@scope/name/deep/path` → `@scope/name`; `name/deep` → `name`. */
export const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

test('every workspace declares what its source imports and leaves its folder only through package names', async () => {
  const problems: string[] = [];
  for (const folder of await workspaceFolders()) {
    const manifest = JSON.parse(await fs.readFile(path.join(ROOT, folder, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const home = path.join(ROOT, folder);
    for (const file of await sourceFiles(path.join(home, 'src'))) {
      const text = await fs.readFile(file, 'utf8');
      for (const [, specifier] of text.matchAll(IMPORT)) {
        const where = path.relative(ROOT, file);
        if (specifier!.startsWith('.')) {
          if (path.relative(home, path.resolve(path.dirname(file), specifier!)).startsWith('..')) problems.push(`${where}: "${specifier}" leaves ${folder}`);
          continue;
        }
        const name = packageOf(specifier!);
        if (specifier!.startsWith('node:') || BUILTINS.has(name) || name === manifest.name) continue;
        if (!declared.has(name)) problems.push(`${where}: imports ${name}, not in ${folder}/package.json`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('package names are taken from specifiers as npm resolves them', () => {
  expect(['@skillgraph/platform/src/mail', 'graphql/error', 'zod', '@apollo/server/errors'].map(packageOf)).toEqual([
    '@skillgraph/platform',
    'graphql',
    'zod',
    '@apollo/server',
  ]);
});
