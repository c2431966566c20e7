import { createRequest, stringifyDocument } from '@urql/core';
import type { DocumentNode } from 'graphql';
import * as generated from '../src/gql/graphql';

export interface ClientOperation {
  name: string;
  /** The document text urql puts in the request body's `query` for this operation. */
  text: string;
}

const isOperationDocument = (value: unknown): value is DocumentNode =>
  typeof value === 'object' &&
  value !== null &&
  (value as DocumentNode).kind === 'Document' &&
  (value as DocumentNode).definitions.some((definition) => definition.kind === 'OperationDefinition');

/**
 * Every operation the client preset generated (web/src/gql/graphql.ts), with the exact text the
 * client sends: urql prints each document once and reuses that text (fragments included, comments
 * and surrounding blank space removed), so registering this text registers what goes on the wire.
 */
export function clientOperationTexts(): ClientOperation[] {
  return Object.values(generated as Record<string, unknown>)
    .filter(isOperationDocument)
    .map((document) => {
      const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
      const name = operation?.kind === 'OperationDefinition' ? operation.name?.value : undefined;
      if (!name) throw new Error('every web client operation needs a name');
      return { name, text: stringifyDocument(createRequest(document, {}).query) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
