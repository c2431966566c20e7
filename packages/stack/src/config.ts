import path from 'node:path';
import { z } from 'zod';
import { env, loadConfig, type Env } from '@skillgraph/platform';

const stackEnvSchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    DATA_DIR: env.directory('./data'),
    MONGODB_URI: env.mongoUri(),
    // Unset: the demo dataset loads in development and test, never in production (see below).
    SEED: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional(),
    GATEWAY_PORT: env.port(4000),
    USERS_PORT: env.port(4001),
    COURSES_PORT: env.port(4002),
    ASSESSMENTS_PORT: env.port(4003),
    MEDIA_PORT: env.port(4004),
    NOTIFICATIONS_PORT: env.port(4005),
    SUPERGRAPH_PATH: z
      .string()
      .min(1, 'must not be empty')
      .default(path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql'))
      .transform((file) => path.resolve(file)),
  })
  // The demo accounts have published passwords (one is an ADMIN): production never loads them.
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && (config.SEED === 'true' || config.SEED === '1')) {
      context.addIssue({
        code: 'custom',
        path: ['SEED'],
        message: 'the demo dataset (published passwords) is never loaded in production; remove SEED or set it to false',
      });
    }
  })
  .transform(({ SEED, ...config }) => ({ ...config, SEED: SEED === undefined ? config.NODE_ENV !== 'production' : SEED === 'true' || SEED === '1' }));

export type StackEnv = z.output<typeof stackEnvSchema>;

/** `npm start`'s settings; every bad value is reported at once and the process refuses to start. */
export const loadStackEnv = (source: Env): StackEnv => loadConfig('skillgraph', stackEnvSchema, source);
