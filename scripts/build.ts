/**
 * `npm run build`: compiles the services to JavaScript under `dist/` so production runs them with
 * `node` (no TypeScript loader). The layout mirrors the repository:
 *
 *   dist/gateway/src/index.js                  the gateway
 *   dist/subgraphs/<name>/src/index.js         each subgraph (and the media worker, notifications)
 *   dist/scripts/start.js                      the embedded all-in-one mode
 *   dist/schema/supergraph.graphql             the composed schema the gateway serves
 *
 * Next to the compiled code it copies every non-TypeScript file of the source folders (schema.graphql,
 * templates), writes each workspace's package.json with its entry pointing at the compiled file,
 * and links `dist/node_modules/@skillgraph/*` to them, so `@skillgraph/platform` resolves inside
 * `dist/` while third-party packages resolve from the root `node_modules/`.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

interface WorkspaceManifest {
  name: string;
  main?: string;
  types?: string;
  [key: string]: unknown;
}

async function workspaces(): Promise<string[]> {
  const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const folders: string[] = [];
  for (const pattern of manifest.workspaces) {
    const parent = pattern.endsWith('/*') ? pattern.slice(0, -2) : null;
    const candidates = parent ? (await fs.readdir(path.join(ROOT, parent))).map((entry) => path.join(parent, entry)) : [pattern];
    for (const candidate of candidates) {
      if (await exists(path.join(ROOT, candidate, 'package.json'))) folders.push(candidate);
    }
  }
  return folders.sort();
}

const exists = (file: string): Promise<boolean> =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** Copies the files tsc does not emit (schema.graphql, templates...) from `from` into `to`. */
async function copyAssets(from: string, to: string): Promise<number> {
  let copied = 0;
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copied += await copyAssets(source, target);
    else if (!entry.name.endsWith('.ts')) {
      await fs.mkdir(to, { recursive: true });
      await fs.copyFile(source, target);
      copied += 1;
    }
  }
  return copied;
}

const compiled = (entry: string | undefined): string | undefined => entry?.replace(/\.ts$/, '.js');

async function main(): Promise<void> {
  await fs.rm(DIST, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('tsc failed: the build stops at type errors');

  let assets = 0;
  for (const folder of await workspaces()) {
    const manifest = JSON.parse(await fs.readFile(path.join(ROOT, folder, 'package.json'), 'utf8')) as WorkspaceManifest;
    const src = path.join(ROOT, folder, 'src');
    if (await exists(src)) assets += await copyAssets(src, path.join(DIST, folder, 'src'));
    const main = compiled(manifest.main);
    const { types: _types, ...rest } = manifest;
    await fs.mkdir(path.join(DIST, folder), { recursive: true });
    await fs.writeFile(path.join(DIST, folder, 'package.json'), `${JSON.stringify({ ...rest, ...(main ? { main } : {}) }, null, 2)}\n`);
    const link = path.join(DIST, 'node_modules', manifest.name);
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(path.relative(path.dirname(link), path.join(DIST, folder)), link, 'dir');
  }
  await fs.mkdir(path.join(DIST, 'schema'), { recursive: true });
  await fs.copyFile(path.join(ROOT, 'schema', 'supergraph.graphql'), path.join(DIST, 'schema', 'supergraph.graphql'));
  console.log(`built dist/ (${assets} asset files copied beside the compiled code)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
