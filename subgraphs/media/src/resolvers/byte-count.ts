import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

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
