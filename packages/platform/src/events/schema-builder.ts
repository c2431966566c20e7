import type { JSONSchema } from 'json-schema-to-ts';
import type { Topic } from './topics';

/**
 * Builds one event's JSON Schema from its payload fields, adding the envelope every event shares.
 * The result is a literal type, so `FromSchema` derives the TypeScript type from the very object
 * Ajv validates with and `schema/events/*.schema.json` is written from: each shape exists once.
 */

export const SCHEMA_BASE_URL = 'https://skillgraph.dev/schema/events/';

const envelopeProperties = {
  event_id: { type: 'string', format: 'uuid', description: 'Unique id of this event; consumers deduplicate on it.' },
  timestamp: { type: 'string', format: 'date-time', description: 'When the change happened, ISO-8601 in UTC.' },
  producer: { type: 'string', minLength: 1, maxLength: 64, description: 'The service that published the event.' },
} as const;

const envelopeRequired = ['event_id', 'event_type', 'timestamp', 'version', 'producer'] as const;

export type PayloadProperties = Record<string, JSONSchema>;

export interface EventDefinition<
  T extends string,
  V extends number,
  P extends PayloadProperties,
  R extends readonly (keyof P & string)[],
  K extends R[number],
> {
  type: T;
  version: V;
  topic: Topic;
  /** The payload field holding the aggregate id: the Kafka key, so one aggregate stays in order. */
  key: K;
  producer: string;
  description: string;
  properties: P;
  required: R;
}

export function defineEvent<
  const T extends string,
  const V extends number,
  const P extends PayloadProperties,
  const R extends readonly (keyof P & string)[],
  const K extends R[number],
>(definition: EventDefinition<T, V, P, R, K>) {
  const { type, version, topic, key, producer, description, properties, required } = definition;
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE_URL}${type}.schema.json`,
    title: type,
    description,
    type: 'object',
    additionalProperties: false,
    required: [...envelopeRequired, ...required],
    properties: {
      event_id: envelopeProperties.event_id,
      event_type: { const: type, description: 'What happened; selects this schema.' },
      timestamp: envelopeProperties.timestamp,
      version: { const: version, description: 'Schema version of this event type.' },
      producer: envelopeProperties.producer,
      ...properties,
    },
  } as const;
  return { type, version, topic, key, producer, description, schema } as const;
}

/** Field schemas reused across payloads. */
export const field = {
  id: (description: string) => ({ type: 'string', minLength: 1, maxLength: 128, description }) as const,
  text: (maxLength: number, description: string) => ({ type: 'string', minLength: 1, maxLength, description }) as const,
  email: (description: string) => ({ type: 'string', format: 'email', maxLength: 320, description }) as const,
  time: (description: string) => ({ type: 'string', format: 'date-time', description }) as const,
  score: (description: string) => ({ type: 'number', minimum: 0, description }) as const,
  percentage: (description: string) => ({ type: 'number', minimum: 0, maximum: 100, description }) as const,
  count: (minimum: number, description: string) => ({ type: 'integer', minimum, description }) as const,
  changedFields: (description: string) =>
    ({ type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64 }, description }) as const,
};
