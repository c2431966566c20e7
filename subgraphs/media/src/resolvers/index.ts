import { GraphQLUpload } from 'graphql-upload-minimal';
import { DateTimeScalar } from '@skillgraph/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { ByteCountScalar } from './byte-count';
import { Course } from './course';
import { Lesson } from './lesson';
import { MediaAsset } from './media-asset';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, ByteCount: ByteCountScalar, Upload: GraphQLUpload, Query, Mutation, MediaAsset, Course, Lesson, User };
