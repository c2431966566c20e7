import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

export type ChangeClass = 'breaking' | 'dangerous' | 'safe';

export interface ClassifiedChange {
  class: ChangeClass;
  path: string | undefined;
  message: string;
}

const CLASS_OF: Record<CriticalityLevel, ChangeClass> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** The schema clients see: the supergraph without its federation machinery. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Every difference between two supergraphs' client-facing schemas, classed as clients feel it. */
export async function classifyChanges(baseSupergraphSdl: string, nextSupergraphSdl: string): Promise<ClassifiedChange[]> {
  const changes: Change[] = await diff(apiSchemaOf(baseSupergraphSdl), apiSchemaOf(nextSupergraphSdl));
  return changes.map((change) => ({
    class: CLASS_OF[change.criticality.level],
    path: change.path,
    message: change.message,
  }));
}
