import { DateTimeScalar } from '@skillgraph/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { Course } from './course';
import { Lesson } from './lesson';
import { MediaAsset } from './media-asset';
import { Query } from './query';

// `User` needs no resolvers: it is `resolvable: false` here, and its only field is the reference's id.
export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, MediaAsset, Course, Lesson };
