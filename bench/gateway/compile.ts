/**
 * Compiles the working tree to JavaScript for the benchmark's child processes, the way
 * `npm run build` lays out `dist/` (same folders, workspace links under `node_modules/@skillgraph`),
 * but with esbuild (a second or two, no type check) into a private temporary folder:
 *  - runs can overlap (`npm run build` empties `dist/` first, under anyone running from it);
 *  - a type error in work in progress elsewhere does not stop a measurement.
 * esbuild and tsc emit the same ES2022 CommonJS from this code (`isolatedModules` is on), so what
 * runs is what production runs, byte for byte up to formatting.
 *
 * Third-party packages resolve from the repository's `node_modules` through NODE_PATH
 * (`compiledEnv`), since the folder is outside the repository.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Source folders compiled, with the workspace each belongs to (null: not a workspace). */
const SOURCE_ROOTS: { folder: string; workspace: boolean }[] = [
  { folder: 'packages/platform', workspace: true },
  { folder: 'packages/stack', workspace: true },
  { folder: 'gateway', workspace: true },
  { folder: 'subgraphs/users', workspace: true },
  { folder: 'subgraphs/courses', workspace: true },
  { folder: 'subgraphs/assessments', workspace: true },
  { folder: 'subgraphs/media', workspace: true },
  { folder: 'subgraphs/notifications', workspace: true },
  { folder: 'bench/gateway', workspace: false },
];

async function sourceFiles(dir: string): Promise<{ ts: string[]; assets: string[] }> {
  const ts: string[] = [];
  const assets: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (['node_modules', 'test', 'dist', 'generated-tests'].includes(entry.name)) continue;
      const nested = await sourceFiles(full);
      ts.push(...nested.ts);
      assets.push(...nested.assets);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) ts.push(full);
    else if (!entry.name.endsWith('.ts')) assets.push(full);
  }
  return { ts, assets };
}

export interface CompiledTree {
  /** Root of the compiled tree (mirrors the repository). */
  dir: string;
  /** Absolute path of the compiled JavaScript for a repository-relative `.ts` path. */
  js(relativeTs: string): string;
  remove(): Promise<void>;
}

/** Compiles the sources under `sourceRoot` (default: this repository; another revision's export for `--base`). */
export async function compileTree(sourceRoot = REPO_ROOT): Promise<CompiledTree> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-bench-build-'));
  for (const { folder, workspace } of SOURCE_ROOTS) {
    const srcDir = path.join(sourceRoot, folder, workspace ? 'src' : '');
    // An older revision may predate a folder (the benchmark's own, for one).
    if (!(await fs.stat(srcDir).catch(() => null))) continue;
    const { ts, assets } = await sourceFiles(srcDir);
    buildSync({
      entryPoints: ts,
      outbase: sourceRoot,
      outdir: outDir,
      bundle: false,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      sourcemap: false,
      logLevel: 'error',
    });
    for (const asset of assets) {
      const target = path.join(outDir, path.relative(sourceRoot, asset));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.copyFile(asset, target);
    }
    if (!workspace) continue;
    const manifest = JSON.parse(await fs.readFile(path.join(sourceRoot, folder, 'package.json'), 'utf8')) as { name: string; main?: string };
    const main = manifest.main?.replace(/\.ts$/, '.js');
    await fs.writeFile(path.join(outDir, folder, 'package.json'), JSON.stringify({ name: manifest.name, ...(main ? { main } : {}) }));
    const link = path.join(outDir, 'node_modules', manifest.name);
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(path.join(outDir, folder), link, 'dir');
  }
  return {
    dir: outDir,
    js: (relativeTs) => path.join(outDir, relativeTs.replace(/\.ts$/, '.js')),
    remove: () => fs.rm(outDir, { recursive: true, force: true }),
  };
}

/** Exports the source folders of git revision `rev` into a temporary folder (no checkout, no change to the working tree). */
export async function exportRevision(rev: string): Promise<{ dir: string; sha: string; remove(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-bench-base-'));
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: REPO_ROOT }).toString().trim();
  const folders = SOURCE_ROOTS.map(({ folder }) => folder).filter(
    (folder) => execFileSync('git', ['ls-tree', '--name-only', rev, folder], { cwd: REPO_ROOT }).length > 0,
  );
  const archive = execFileSync('git', ['archive', '--format=tar', rev, ...folders], { cwd: REPO_ROOT, maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  return { dir, sha, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** Environment for a child running compiled code: third-party packages from the repository. */
export const compiledEnv = (): Record<string, string> => ({ NODE_PATH: path.join(REPO_ROOT, 'node_modules') });
