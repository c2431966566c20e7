import type { AccessRules } from '@skillgraph/platform';

/**
 * Who may call what, checked before the resolver runs. Whose notifications and preferences a
 * viewer sees is decided per record in the service (the person and admins), for root fields and
 * `_entities` alike.
 */
export const ACCESS_RULES: AccessRules = {
  'Query.notificationFailures': ['ADMIN'],
  'Mutation.updateNotificationPreferences': 'authenticated',
  'User.__resolveReference': 'public',
};
