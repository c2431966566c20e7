import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, openDocumentStore, processEnv, type DocumentStore } from '@skillgraph/platform';
import { SUBGRAPH_NAMES, loadDemoData, loadStackEnv, openSeedTargets, type SubgraphName } from '@skillgraph/stack';

/**
 * `npm run seed`: reloads the demo dataset. In embedded mode the document files under DATA_DIR are
 * removed first (signing keys are kept, so issued tokens stay verifiable); with MONGODB_URI the
 * databases are never dropped from here, so the data is loaded only into empty ones. Refused when
 * NODE_ENV=production.
 */
async function main(): Promise<void> {
  const config = loadStackEnv(processEnv());
  // The demo accounts' passwords are published (one is an ADMIN), and the embedded files are wiped first.
  if (config.NODE_ENV === 'production') throw new ConfigError('seed', ['NODE_ENV: the demo dataset is never loaded in production (SEED is refused there)']);
  const stores = {} as Record<SubgraphName, DocumentStore>;
  for (const name of SUBGRAPH_NAMES) {
    if (config.MONGODB_URI) {
      stores[name] = await openDocumentStore({ mongoUri: config.MONGODB_URI, mongoDbName: `skillgraph_${name}` });
    } else {
      const directory = path.join(config.DATA_DIR, name);
      const files = await fs.readdir(directory).catch(() => [] as string[]);
      await Promise.all(files.filter((file) => file.endsWith('.db')).map((file) => fs.rm(path.join(directory, file))));
      stores[name] = await openDocumentStore({ directory });
    }
  }
  try {
    const loaded = await loadDemoData(await openSeedTargets(stores), { onlyIfEmpty: Boolean(config.MONGODB_URI) });
    console.log(loaded ? 'Demo data loaded.' : 'MongoDB already holds data; nothing was loaded (drop the databases first to reload).');
  } finally {
    await Promise.all(Object.values(stores).map((store) => store.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
