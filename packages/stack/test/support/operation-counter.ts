import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** An Apollo plugin that records every operation a subgraph receives, for counting fetches. */
export function operationRecorder(): { plugin: ApolloServerPlugin<BaseContext>; operations: string[] } {
  const operations: string[] = [];
  return {
    operations,
    plugin: {
      async requestDidStart({ request }) {
        operations.push(request.query ?? '');
      },
    },
  };
}

export const isEntitiesFetch = (query: string): boolean => /\b_entities\s*\(/.test(query);
