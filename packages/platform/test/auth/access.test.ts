import { GraphQLError } from 'graphql';
import { ANONYMOUS, assertRole, assertSignedIn, guardResolvers, userViewer, type Role, type Viewer } from '../../src/auth';

const ctx = (viewer: Viewer) => ({ viewer });
const student = userViewer('s1', 'STUDENT');
const instructor = userViewer('i1', 'INSTRUCTOR');
const admin = userViewer('a1', 'ADMIN');

const resolvers = {
  Query: {
    me: (_parent: unknown, _args: unknown, context: { viewer: Viewer }) => context.viewer,
    users: () => ['all users'],
    courses: () => ['public catalogue'],
  },
  Mutation: {
    enroll: () => 'enrolled',
    changeUserRole: () => 'changed',
  },
  User: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id, email: 'x@example.com' }),
    enrollments: () => ['e1'],
    __resolveType: () => 'User',
  },
};

const guarded = guardResolvers(resolvers, {
  'Query.me': 'authenticated',
  'Query.users': ['ADMIN'],
  'Query.courses': 'public',
  'Mutation.*': 'authenticated',
  'Mutation.changeUserRole': ['ADMIN'],
  'User.__resolveReference': 'authenticated',
  'User.enrollments': ['INSTRUCTOR', 'ADMIN'],
  'User.email': ['ADMIN'],
});

/** 'ok', or the error code the call threw. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof GraphQLError) return String(error.extensions.code);
    throw error;
  }
}

const call = (resolver: unknown, ...args: unknown[]) => () => (resolver as (...all: unknown[]) => unknown)(...args);

describe('guardResolvers', () => {
  const viewers: Array<[string, Viewer]> = [
    ['anonymous', ANONYMOUS],
    ['student', student],
    ['instructor', instructor],
    ['admin', admin],
  ];
  const expectations: Array<[string, (viewer: Viewer) => () => unknown, string[]]> = [
    ['Query.me', (v) => call(guarded.Query.me, {}, {}, ctx(v), {}), ['UNAUTHENTICATED', 'ok', 'ok', 'ok']],
    ['Query.users', (v) => call(guarded.Query.users, {}, {}, ctx(v), {}), ['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'ok']],
    ['Query.courses', (v) => call(guarded.Query.courses, {}, {}, ctx(v), {}), ['ok', 'ok', 'ok', 'ok']],
    ['Mutation.enroll (wildcard)', (v) => call(guarded.Mutation.enroll, {}, {}, ctx(v), {}), ['UNAUTHENTICATED', 'ok', 'ok', 'ok']],
    ['Mutation.changeUserRole (exact beats wildcard)', (v) => call(guarded.Mutation.changeUserRole, {}, {}, ctx(v), {}), ['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'ok']],
    ['User.__resolveReference (context is the 2nd argument)', (v) => call(guarded.User.__resolveReference, { id: '1' }, ctx(v), {}), ['UNAUTHENTICATED', 'ok', 'ok', 'ok']],
    ['User.enrollments', (v) => call(guarded.User.enrollments, {}, {}, ctx(v), {}), ['UNAUTHENTICATED', 'FORBIDDEN', 'ok', 'ok']],
  ];

  it.each(expectations)('%s', (_field, invoke, expected) => {
    expect(viewers.map(([, viewer]) => outcome(invoke(viewer)))).toEqual(expected);
  });

  it('guards a field without its own resolver through the default resolver', () => {
    const email = (guarded.User as Record<string, unknown>).email;
    const info = { fieldName: 'email' };
    expect(outcome(call(email, { email: 'x@example.com' }, {}, ctx(student), info))).toBe('FORBIDDEN');
    expect(call(email, { email: 'x@example.com' }, {}, ctx(admin), info)()).toBe('x@example.com');
  });

  it('passes arguments through and keeps the original result', () => {
    expect(guarded.Query.me({}, {}, ctx(student))).toBe(student);
    expect(call(guarded.User.__resolveReference, { id: '9' }, ctx(student), {})()).toEqual({ id: '9', email: 'x@example.com' });
  });

  it('treats a missing context or viewer as anonymous', () => {
    expect(outcome(call(guarded.Query.users, {}, {}, undefined, {}))).toBe('UNAUTHENTICATED');
    expect(outcome(call(guarded.Query.users, {}, {}, {}, {}))).toBe('UNAUTHENTICATED');
  });

  it('leaves unruled resolvers and type hooks alone and does not mutate the input', () => {
    expect(guarded.User.__resolveType).toBe(resolvers.User.__resolveType);
    expect(resolvers.Query.users()).toEqual(['all users']);
    expect(resolvers.Query.users).not.toBe(guarded.Query.users);
  });

  it('fails at start-up on rules that cannot be applied', () => {
    expect(() => guardResolvers(resolvers, { 'Query.usres': ['ADMIN'] })).toThrow(/Query.usres has no resolver/);
    expect(() => guardResolvers(resolvers, { 'Course.title': 'authenticated' })).toThrow(/Course, which has no resolvers/);
    expect(() => guardResolvers(resolvers, { 'Query.users': ['ROOT' as Role] })).toThrow(/must be 'public', 'authenticated' or a non-empty list/);
    expect(() => guardResolvers(resolvers, { 'Query.users': [] })).toThrow(/non-empty list/);
    expect(() => guardResolvers(resolvers, { Query: 'authenticated' })).toThrow(/Type.field/);
    expect(() => guardResolvers(resolvers, { 'User.__resolveType': 'authenticated' })).toThrow(/cannot guard/);
  });

  it('guards subscription-style { subscribe, resolve } configs', () => {
    const subscribe = jest.fn(() => 'iterator');
    const withSubscription = guardResolvers({ Subscription: { progress: { subscribe } } }, { 'Subscription.progress': 'authenticated' });
    const config = withSubscription.Subscription.progress as { subscribe: (...args: unknown[]) => unknown };
    expect(outcome(() => config.subscribe({}, {}, ctx(ANONYMOUS), {}))).toBe('UNAUTHENTICATED');
    expect(config.subscribe({}, {}, ctx(student), {})).toBe('iterator');
  });
});

describe('imperative checks for ownership rules', () => {
  it('assertSignedIn narrows to the user or throws UNAUTHENTICATED', () => {
    expect(assertSignedIn(student).id).toBe('s1');
    expect(outcome(() => assertSignedIn(ANONYMOUS))).toBe('UNAUTHENTICATED');
  });

  it('assertRole answers FORBIDDEN with a message that names no role', () => {
    expect(assertRole(admin, ['ADMIN']).id).toBe('a1');
    let caught: unknown;
    try {
      assertRole(student, ['ADMIN', 'INSTRUCTOR']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GraphQLError);
    expect((caught as GraphQLError).extensions.code).toBe('FORBIDDEN');
    expect((caught as GraphQLError).message).not.toMatch(/ADMIN|INSTRUCTOR|STUDENT|role/i);
  });
});
