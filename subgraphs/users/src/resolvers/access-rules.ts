import type { AccessRules } from '@skillgraph/platform';

/**
 * Who may call what, checked before the resolver runs (`guardResolvers` fails at start-up on a
 * rule naming a missing resolver). Ownership rules that depend on the record itself, such as who
 * sees `User.email`, live next to the field in ./user.ts, so they hold for root fields and
 * `_entities` alike.
 */
export const ACCESS_RULES: AccessRules = {
  'Query.user': 'public',
  'Query.me': 'public',
  'Query.users': ['ADMIN'],
  'Mutation.register': 'public',
  'Mutation.login': 'public',
  'Mutation.refreshToken': 'public',
  'Mutation.logout': 'public',
  'Mutation.updateProfile': 'authenticated',
  'Mutation.changeUserRole': ['ADMIN'],
  // Reset and verification links work signed out: the emailed token is the proof.
  'Mutation.requestPasswordReset': 'public',
  'Mutation.resetPassword': 'public',
  'Mutation.requestEmailVerification': 'authenticated',
  'Mutation.verifyEmail': 'public',
  // Names and roles are public profile data; `email` guards itself per record.
  'User.__resolveReference': 'public',
};
