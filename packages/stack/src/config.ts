import path from 'node:path';
import { z } from 'zod';
import { env, loadConfig, type Env } from '@skillgraph/platform';

const stackEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: env.directory('./data'),
  MONGODB_URI: env.mongoUri(),
  SEED: env.boolean(true),
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
});

export type StackEnv = z.output<typeof stackEnvSchema>;

/** `npm start`'s settings; every bad value is reported at once and the process refuses to start. */
export const loadStackEnv = (source: Env): StackEnv => loadConfig('skillgraph', stackEnvSchema, source);
