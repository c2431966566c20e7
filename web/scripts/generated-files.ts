/** What becomes of the client preset's output before it is committed (shared by after-codegen and check-generated). */

/**
 * The generated files take `TypedDocumentNode` from @urql/core (a dependency of the client)
 * instead of @graphql-typed-document-node/core (a package the client does not declare); the two
 * types are the same shape.
 */
export const importTypedDocumentNodeFromUrql = (text: string): string => text.replaceAll("from '@graphql-typed-document-node/core'", "from '@urql/core'");
