import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for the web client (`npm run web:codegen`, run from the repository root): the
 * client preset reads every `graphql()` call under web/src (the instructor area included) against
 * the committed supergraph and writes web/src/gql/, which is committed so drift shows in review.
 * Afterwards web/scripts/after-codegen.ts exports each operation, exactly as the client sends it, to
 * documents/operations/web/ for the trusted-documents manifest (docs/web.md).
 */
const config: CodegenConfig = {
  schema: 'schema/supergraph.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // What the API's custom scalars are on the wire.
        scalars: { DateTime: 'string', ByteCount: 'number', Upload: 'File' },
      },
    },
  },
  hooks: {
    afterAllFileWrite: ['prettier --write', 'tsx web/scripts/after-codegen.ts'],
  },
};

export default config;
