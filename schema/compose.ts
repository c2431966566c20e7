import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from './composition';
import { SUPERGRAPH_PATH, REPO_ROOT } from './subgraphs';

// `npm run compose`: rewrites schema/supergraph.graphql from the subgraph schemas.
const result = composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
  process.exit(1);
}
fs.writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`);
console.log(`Wrote ${path.relative(REPO_ROOT, SUPERGRAPH_PATH)}`);
