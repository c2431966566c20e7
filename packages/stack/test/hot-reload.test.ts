import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, print, visit, type FieldDefinitionNode } from 'graphql';
import { readSubgraphDefinitions } from '../../../schema/subgraphs';
import type { Stack } from '../src';
import { postGraphQL, type GraphQLResponse } from './support/graphql';
import { COMMITTED_SUPERGRAPH, startTestStack } from './support/stack';

/** The real supergraph as it was before `Course.updatedAt` existed. */
function supergraphWithoutCourseUpdatedAt(): string {
  const definitions = readSubgraphDefinitions().map((definition) =>
    definition.name !== 'courses'
      ? definition
      : {
          ...definition,
          typeDefs: parse(print(visit(definition.typeDefs, { FieldDefinition: (field: FieldDefinitionNode) => (field.name.value === 'updatedAt' ? null : undefined) }))),
        },
  );
  const result = composeServices(definitions);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('supergraph hot reload', () => {
  let stack: Stack;
  let dir: string;
  let supergraphPath: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-supergraph-'));
    supergraphPath = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphPath, supergraphWithoutCourseUpdatedAt());
    stack = await startTestStack({ supergraphPath, seed: true });
  });

  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves a new field after the file changes, failing no request in flight', async () => {
    const newField = '{ courses(first: 1) { edges { node { updatedAt } } } }';
    const before = await postGraphQL(stack.gatewayUrl, newField);
    expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Keep a steady stream of requests running across the swap.
    const background: GraphQLResponse[] = [];
    let running = true;
    const load = (async () => {
      while (running) {
        const batch = await Promise.all(
          Array.from({ length: 4 }, () => postGraphQL(stack.gatewayUrl, '{ courses(first: 5) { edges { node { title instructor { name } coverImage { filename } } } } }')),
        );
        background.push(...batch);
      }
    })();
    // Counted in responses, not milliseconds: on a loaded machine a fixed pause may see almost none.
    const responsesAtLeast = async (count: number): Promise<void> => {
      const until = Date.now() + 20_000;
      while (background.length < count && Date.now() < until) await sleep(20);
    };
    await responsesAtLeast(8);
    const beforeSwap = background.length;

    // Replace the file the way `npm run compose` and editors do: write elsewhere, then rename.
    const staged = path.join(dir, 'supergraph.next');
    fs.writeFileSync(staged, fs.readFileSync(COMMITTED_SUPERGRAPH, 'utf8'));
    fs.renameSync(staged, supergraphPath);

    let after: GraphQLResponse<{ courses: { edges: { node: { updatedAt: string } }[] } }> | undefined;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      after = await postGraphQL(stack.gatewayUrl, newField);
      if (!after.errors) break;
      await sleep(50);
    }
    const afterSwap = background.length;
    await responsesAtLeast(afterSwap + 8);
    running = false;
    await load;

    expect(after?.errors).toBeUndefined();
    expect(Date.parse(after!.data!.courses.edges[0]!.node.updatedAt)).not.toBeNaN();
    // Requests completed on both sides of the swap, and during it.
    expect(beforeSwap).toBeGreaterThanOrEqual(8);
    expect(background.length).toBeGreaterThanOrEqual(afterSwap + 8);
    const failed = background.filter((response) => response.status !== 200 || response.errors);
    expect(failed).toEqual([]);
    background.forEach((response) => expect((response.data as { courses: { edges: unknown[] } }).courses.edges.length).toBeGreaterThan(0));
  });
});
