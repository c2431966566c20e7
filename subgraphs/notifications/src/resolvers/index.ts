import { DateTimeScalar, guardResolvers } from '@skillgraph/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { ACCESS_RULES } from './access-rules';
import { Mutation } from './mutation';
import { Notification } from './notification';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = guardResolvers<Resolvers>({ DateTime: DateTimeScalar, Query, Mutation, User, Notification }, ACCESS_RULES);
