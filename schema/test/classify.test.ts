import { composeServices } from '@apollo/composition';
import { parse, print, visit, type FieldDefinitionNode } from 'graphql';
import { classifyChanges } from '../classify';
import { composeSupergraph } from '../composition';
import { readSubgraphDefinitions } from '../subgraphs';

/** Composes the real subgraphs with one subgraph's SDL rewritten by `edit`. */
function composeWith(name: string, edit: (sdl: string) => string): string {
  const definitions = readSubgraphDefinitions().map((definition) => {
    if (definition.name !== name) return definition;
    return { ...definition, typeDefs: parse(edit(print(definition.typeDefs))) };
  });
  const result = composeServices(definitions);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

describe('schema change classification', () => {
  const base = composeSupergraph();
  if (!base.ok) throw new Error(base.errors.join('\n'));

  it('finds no change between a supergraph and itself', async () => {
    expect(await classifyChanges(base.supergraphSdl, base.supergraphSdl)).toEqual([]);
  });

  it('classes a removed field as breaking', async () => {
    const withoutCreatedAt = (sdl: string): string =>
      print(visit(parse(sdl), { FieldDefinition: (field: FieldDefinitionNode) => (field.name.value === 'createdAt' ? null : undefined) }));
    const next = composeWith('users', withoutCreatedAt);
    const changes = await classifyChanges(base.supergraphSdl, next);
    expect(changes).toContainEqual(expect.objectContaining({ class: 'breaking', path: 'User.createdAt' }));
  });

  it('classes an added enum value as dangerous and an added field as safe', async () => {
    const next = composeWith('users', (sdl) =>
      sdl.replace('ADMIN\n}', 'ADMIN\n  """\n  Reviews content.\n  """\n  REVIEWER\n}').replace('role: Role!', 'role: Role!\n  """\n  Short biography.\n  """\n  bio: String'),
    );
    const changes = await classifyChanges(base.supergraphSdl, next);
    expect(changes).toContainEqual(expect.objectContaining({ class: 'dangerous', path: 'Role.REVIEWER' }));
    expect(changes).toContainEqual(expect.objectContaining({ class: 'safe', path: 'User.bio' }));
    expect(changes.some((change) => change.class === 'breaking')).toBe(false);
  });
});
