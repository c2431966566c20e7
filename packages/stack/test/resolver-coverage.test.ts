/**
 * Resolver coverage: every field of every subgraph schema is answered either by a resolver or by a
 * same-named property of the record its parent resolves to (codegen's mapper for that type), and
 * every resolver names a field that exists. The generated types make a misspelt resolver a compile
 * error where the map is typed; this test catches what types cannot: a field left to the default
 * resolver while the record lacks that property (e.g. `Course.id` when the record has only `_id`).
 */
import path from 'node:path';
import ts from 'typescript';
import { isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import codegenConfig from '../../../codegen';
import type { Stack } from '../src';
import { REPO_ROOT, startTestStack } from './support/stack';

interface SubgraphDefinition {
  schema: GraphQLSchema;
  typeDefs: DocumentNode;
  resolvers: Record<string, Record<string, unknown>>;
}

const SUBGRAPHS = ['users', 'courses', 'assessments', 'media', 'notifications'] as const;
type SubgraphName = (typeof SUBGRAPHS)[number];

/** Codegen's mappers per subgraph: GraphQL type name → `../data/records#CourseRecord`. */
function mappersOf(name: SubgraphName): Record<string, string> {
  const generates = codegenConfig.generates as Record<string, { config?: { mappers?: Record<string, string> } }>;
  const entry = generates[`subgraphs/${name}/src/generated/resolvers-types.ts`];
  if (!entry) throw new Error(`codegen.ts has no output for ${name}`);
  return entry.config?.mappers ?? {};
}

/** Reads the property names of every mapped record type with the TypeScript checker. */
function recordProperties(): (name: SubgraphName, typeName: string) => Set<string> | null {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(REPO_ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!parsed) throw new Error('cannot read tsconfig.json');
  const target = (name: SubgraphName, mapper: string) => {
    const [modulePath, exportName] = mapper.split('#') as [string, string];
    return { file: path.resolve(REPO_ROOT, 'subgraphs', name, 'src', 'generated', `${modulePath}.ts`), exportName };
  };
  const files = SUBGRAPHS.flatMap((name) => Object.values(mappersOf(name)).map((mapper) => target(name, mapper).file));
  const program = ts.createProgram([...new Set(files)], parsed.options);
  const checker = program.getTypeChecker();
  return (name, typeName) => {
    const mapper = mappersOf(name)[typeName];
    if (!mapper) return null;
    const { file, exportName } = target(name, mapper);
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === exportName);
    if (!exported) throw new Error(`${file} does not export ${exportName} (codegen.ts mapper for ${name}.${typeName})`);
    const resolved = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return new Set(checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(resolved)).map((property) => property.name));
  };
}

const FEDERATION_FIELDS = new Set(['_entities', '_service']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * What is wrong with one subgraph: resolvers for fields that do not exist, and fields with no
 * resolver whose parent record lacks the property the default resolver would read.
 */
export function coverageProblems(
  definition: Pick<SubgraphDefinition, 'typeDefs' | 'resolvers'>,
  propertiesOf: (typeName: string) => Set<string> | null,
): string[] {
  const problems: string[] = [];
  const schema = buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> });
  for (const [typeName, typeResolvers] of Object.entries(definition.resolvers)) {
    const type = schema.getType(typeName);
    if (!type) {
      problems.push(`resolvers.${typeName}: no such type in the schema`);
      continue;
    }
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const fieldName of Object.keys(typeResolvers)) {
      if (!fieldName.startsWith('__') && !fields[fieldName]) problems.push(`resolvers.${typeName}.${fieldName}: no such field in the schema`);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const typeResolvers = definition.resolvers[type.name] ?? {};
    const properties = propertiesOf(type.name);
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name) || field.name in typeResolvers) continue;
      if (field.astNode?.directives?.some((directive) => directive.name.value === 'external')) continue;
      if (ROOT_TYPES.has(type.name)) problems.push(`${type.name}.${field.name}: root field without a resolver`);
      // Without a mapper the parent is the generated GraphQL type itself, which has every field.
      else if (properties && !properties.has(field.name)) problems.push(`${type.name}.${field.name}: no resolver, and its record has no "${field.name}"`);
    }
  }
  return problems;
}

describe('resolver coverage', () => {
  let stack: Stack;
  let definitions: Record<SubgraphName, SubgraphDefinition>;
  let propertiesOf: ReturnType<typeof recordProperties>;

  beforeAll(async () => {
    stack = await startTestStack();
    const built = stack.repositories as unknown as Record<SubgraphName, { definition: SubgraphDefinition }>;
    definitions = Object.fromEntries(SUBGRAPHS.map((name) => [name, built[name].definition])) as Record<SubgraphName, SubgraphDefinition>;
    propertiesOf = recordProperties();
  }, 180_000);
  afterAll(() => stack?.stop());

  test.each(SUBGRAPHS)('every field of the %s subgraph has a resolver or a record property, every resolver a field', (name) => {
    expect(coverageProblems(definitions[name], (typeName) => propertiesOf(name, typeName))).toEqual([]);
  });

  test('a misspelt resolver is caught: Course.id renamed to Course.idd leaves id to a record with only _id', () => {
    const { Course, ...others } = definitions.courses.resolvers;
    const { id, ...courseFields } = Course!;
    expect(id).toBeDefined();
    const misspelt = { ...others, Course: { ...courseFields, idd: id } };
    expect(coverageProblems({ typeDefs: definitions.courses.typeDefs, resolvers: misspelt }, (typeName) => propertiesOf('courses', typeName))).toEqual([
      'resolvers.Course.idd: no such field in the schema',
      'Course.id: no resolver, and its record has no "id"',
    ]);
  });
});
