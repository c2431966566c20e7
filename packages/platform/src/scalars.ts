import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 date-time.');
  return date;
}

/** ISO-8601 UTC strings on the wire, Date objects in resolvers and records. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time, as an ISO-8601 string in UTC.',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string.');
    return toDate(ast.value);
  },
});

function toByteCount(value: unknown): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw new GraphQLError('ByteCount must be a whole number of bytes from 0 to 9007199254740991.');
  }
  return number;
}

/** Byte sizes as JSON numbers, exact up to 2^53 - 1 (Int stops at 2^31 - 1, about 2 GiB). Digit strings are accepted as input. */
export const ByteCountScalar = new GraphQLScalarType<number, number>({
  name: 'ByteCount',
  description: 'A number of bytes: a non-negative whole number, exact up to 2^53 - 1.',
  serialize: toByteCount,
  parseValue: toByteCount,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT && ast.kind !== Kind.STRING) throw new GraphQLError('ByteCount must be a whole number.');
    return toByteCount(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
  },
});
