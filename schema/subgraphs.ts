import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The subgraphs the supergraph is composed from, with the URLs the committed supergraph names. */
export const SUBGRAPHS = [
  { name: 'users', defaultPort: 4001 },
  { name: 'courses', defaultPort: 4002 },
  { name: 'assessments', defaultPort: 4003 },
  { name: 'media', defaultPort: 4004 },
  { name: 'notifications', defaultPort: 4005 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const REPO_ROOT = path.resolve(__dirname, '..');
export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

export const subgraphSchemaPath = (name: SubgraphName): string =>
  path.join(REPO_ROOT, 'subgraphs', name, 'src', 'schema.graphql');

export interface SubgraphDefinition {
  name: SubgraphName;
  url: string;
  typeDefs: DocumentNode;
}

export function readSubgraphDefinitions(): SubgraphDefinition[] {
  return SUBGRAPHS.map(({ name, defaultPort }) => ({
    name,
    url: `http://localhost:${defaultPort}/graphql`,
    typeDefs: parse(fs.readFileSync(subgraphSchemaPath(name), 'utf8')),
  }));
}
