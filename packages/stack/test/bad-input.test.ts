import type { Stack } from '../src';
import { postGraphQL } from './support/graphql';
import { startTestStack } from './support/stack';

/** Bad input gets a clear, coded answer at the one public endpoint, and changes nothing. */
describe('bad input through the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ seed: true });
  });
  afterAll(() => stack?.stop());

  it('answers null for well-formed ids that match nothing', async () => {
    const result = await postGraphQL(stack.gatewayUrl, 'query ($id: ID!) { course(id: $id) { title } user(id: $id) { name } assessment(id: $id) { title } mediaAsset(id: $id) { filename } }', {
      id: '01900000-0000-7000-8000-000000000000',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ course: null, user: null, assessment: null, mediaAsset: null });
  });

  it.each([
    ['a malformed course id', 'query ($v: ID!) { course(id: $v) { title } }', 'not-an-id', 'id'],
    ['a malformed user id', 'query ($v: ID!) { user(id: $v) { name } }', '12345', 'id'],
    ['a malformed instructor filter', 'query ($v: ID) { courses(filter: { instructorId: $v }) { totalCount } }', 'zzz', 'filter.instructorId'],
    ['a negative page size', 'query ($v: Int) { courses(first: $v) { totalCount } }', -1, 'first'],
    ['a page size over the limit', 'query ($v: Int) { courses(first: $v) { totalCount } }', 1000, 'first'],
    ['a cursor this API never returned', 'query ($v: String) { courses(after: $v) { totalCount } }', 'bm9wZQ', 'after'],
    ['an empty title filter', 'query ($v: String) { courses(filter: { titleContains: $v }) { totalCount } }', '', 'filter.titleContains'],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_name, query, value, field) => {
    const result = await postGraphQL(stack.gatewayUrl, query, { v: value });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).not.toMatch(/at .*\.ts|stack|Error:/);
  });

  it('rejects unknown filter fields and values of the wrong type with BAD_USER_INPUT', async () => {
    const unknownField = await postGraphQL(stack.gatewayUrl, 'query ($f: CourseFilter) { courses(filter: $f) { totalCount } }', { f: { colour: 'red' } });
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknownField.errors?.[0]?.message).toMatch(/colour/);
    const wrongType = await postGraphQL(stack.gatewayUrl, 'query ($f: CourseFilter) { courses(filter: $f) { totalCount } }', { f: { published: 'yes' } });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
