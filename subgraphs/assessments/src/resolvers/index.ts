import { DateTimeScalar } from '@skillgraph/platform';
import type { Resolvers } from '../generated/resolvers-types';
import { Assessment } from './assessment';
import { Attempt } from './attempt';
import { Certificate, CertificateVerification, User } from './certificate';
import { Choice } from './choice';
import { Course } from './course';
import { Mutation } from './mutation';
import { Query } from './query';
import { Question } from './question';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Assessment, Question, Choice, Course, Attempt, Certificate, CertificateVerification, User };
