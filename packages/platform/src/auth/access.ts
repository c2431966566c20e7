import { defaultFieldResolver, type GraphQLFieldResolver } from 'graphql';
import { forbidden, unauthenticated } from '../errors';
import { ROLES, type Role, type UserViewer, type Viewer } from './viewer';

/** The context shape the guard reads; every service's request context extends it. */
export interface ViewerContext {
  viewer: Viewer;
}

/** `'authenticated'`: any signed-in user; a role list: signed in with one of those roles; `'public'`: anyone. */
export type AccessRule = 'public' | 'authenticated' | readonly Role[];

/**
 * Rules keyed by `Type.field`, `Type.__resolveReference`, or `Type.*` for every resolver the type
 * has (an exact key wins over the wildcard).
 * Example: `{ 'Mutation.*': 'authenticated', 'Query.users': ['ADMIN'], 'User.__resolveReference': 'authenticated' }`.
 */
export type AccessRules = Readonly<Record<string, AccessRule>>;

/** Narrows to a signed-in viewer or throws UNAUTHENTICATED. For ownership checks inside resolvers. */
export function assertSignedIn(viewer: Viewer | undefined): UserViewer {
  if (!viewer || viewer.kind !== 'user') throw unauthenticated();
  return viewer;
}

/** Throws UNAUTHENTICATED for anonymous viewers and FORBIDDEN for signed-in viewers without one of `roles`. */
export function assertRole(viewer: Viewer | undefined, roles: readonly Role[]): UserViewer {
  const user = assertSignedIn(viewer);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/** Applies one rule to one viewer. */
export function enforce(rule: AccessRule, viewer: Viewer | undefined): void {
  if (rule === 'public') return;
  if (rule === 'authenticated') assertSignedIn(viewer);
  else assertRole(viewer, rule);
}

type AnyResolver = GraphQLFieldResolver<unknown, unknown, unknown, unknown>;
type ResolverMap = Record<string, unknown>;

// __resolveReference is called as (reference, context, info); field resolvers as (parent, args, context, info).
const contextPosition = (field: string) => (field === '__resolveReference' ? 1 : 2);

function viewerIn(context: unknown): Viewer | undefined {
  return typeof context === 'object' && context !== null ? (context as Partial<ViewerContext>).viewer : undefined;
}

function wrap(resolver: AnyResolver, rule: AccessRule, position: number): AnyResolver {
  return function guarded(this: unknown, ...args: unknown[]) {
    enforce(rule, viewerIn(args[position]));
    return (resolver as (...all: unknown[]) => unknown).apply(this, args);
  } as AnyResolver;
}

const isTypeHook = (field: string) => field.startsWith('__') && field !== '__resolveReference';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function validateRule(key: string, rule: AccessRule): void {
  if (rule === 'public' || rule === 'authenticated') return;
  if (!Array.isArray(rule) || rule.length === 0 || !rule.every((role) => (ROLES as readonly string[]).includes(role))) {
    throw new Error(`access rule for ${key} must be 'public', 'authenticated' or a non-empty list of ${ROLES.join(', ')}`);
  }
}

/**
 * Returns a copy of `resolvers` with each ruled resolver wrapped to check the viewer first.
 * Fails at start-up, not at request time, on a rule for a type the map lacks or for a root field
 * without a resolver, so a typo cannot leave a field unguarded. A non-root field without a resolver
 * gets GraphQL's default resolver wrapped, so `'User.email': 'authenticated'` works on plain records.
 */
export function guardResolvers<T extends Record<string, unknown>>(resolvers: T, rules: AccessRules): T {
  const guarded: Record<string, unknown> = { ...resolvers };
  const byType = new Map<string, Map<string, AccessRule>>();
  for (const [key, rule] of Object.entries(rules)) {
    validateRule(key, rule);
    const [type, field, extra] = key.split('.');
    if (!type || !field || extra !== undefined) throw new Error(`access rule key ${key} must look like Type.field`);
    if (!byType.has(type)) byType.set(type, new Map());
    byType.get(type)?.set(field, rule);
  }
  for (const [type, fieldRules] of byType) {
    const original = resolvers[type];
    if (typeof original !== 'object' || original === null) throw new Error(`access rules name ${type}, which has no resolvers`);
    const typeResolvers: ResolverMap = { ...(original as ResolverMap) };
    const wildcard = fieldRules.get('*');
    const fields = new Set([...Object.keys(typeResolvers), ...fieldRules.keys()]);
    fields.delete('*');
    for (const field of fields) {
      const explicit = fieldRules.get(field);
      if (isTypeHook(field)) {
        // __resolveType/__isTypeOf decide types, not access; guarding them would hide errors elsewhere.
        if (explicit !== undefined) throw new Error(`access rules cannot guard ${type}.${field}`);
        continue;
      }
      const rule = explicit ?? wildcard;
      if (rule === undefined) continue;
      typeResolvers[field] = guardOne(type, field, typeResolvers[field], rule);
    }
    guarded[type] = typeResolvers;
  }
  return guarded as T;
}

function guardOne(type: string, field: string, resolver: unknown, rule: AccessRule): unknown {
  const position = contextPosition(field);
  if (typeof resolver === 'function') return wrap(resolver as AnyResolver, rule, position);
  if (typeof resolver === 'object' && resolver !== null && ('resolve' in resolver || 'subscribe' in resolver)) {
    // Field config objects (`{ resolve }`, subscriptions' `{ subscribe, resolve }`): guard each function.
    const config = { ...(resolver as Record<string, unknown>) };
    for (const part of ['resolve', 'subscribe']) {
      if (typeof config[part] === 'function') config[part] = wrap(config[part] as AnyResolver, rule, position);
    }
    return config;
  }
  if (resolver === undefined && !ROOT_TYPES.has(type) && field !== '__resolveReference') {
    return wrap(defaultFieldResolver as AnyResolver, rule, position);
  }
  throw new Error(`access rule for ${type}.${field} has no resolver to guard`);
}
