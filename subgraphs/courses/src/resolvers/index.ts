import { DateTimeScalar } from '@skillgraph/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { Course } from './course';
import { Enrollment } from './enrollment';
import { Lesson } from './lesson';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Course, Lesson, User, Enrollment };
