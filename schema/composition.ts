import { composeServices } from '@apollo/composition';
import { readSubgraphDefinitions } from './subgraphs';

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the four subgraph schemas as they are on disk into one supergraph. */
export function composeSupergraph(): CompositionResult {
  const result = composeServices(readSubgraphDefinitions());
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}
