import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';

export type Env = Record<string, string | undefined>;

/** The process environment; the one place outside per-service config files that reads it. */
export const processEnv = (): Env => process.env;

/**
 * Parses `env` with `schema`, or throws one ConfigError naming every variable at fault and why.
 * Each service keeps its own schema in its `config.ts`.
 */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

/** Reusable field parsers so every service reports bad values the same way. */
export const env = {
  port: (fallback: number) =>
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(fallback),
  url: () => z.url({ error: 'must be a URL such as http://localhost:4001/graphql' }),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  directory: (fallback: string) => z.string().min(1, 'must not be empty').default(fallback).transform((dir) => path.resolve(dir)),
  mongoUri: () =>
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/.+/, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
};

/** Settings every service shares: where documents live and how it logs. */
export const platformEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  DATA_DIR: env.directory('./data'),
  MONGODB_URI: env.mongoUri(),
});
export type PlatformConfig = z.output<typeof platformEnvSchema>;

/**
 * Runs several config loaders and gathers every ConfigError's problems, so a process that reads
 * more than one settings group still reports all bad variables in one message.
 */
export function configProblemCollector() {
  const problems: string[] = [];
  return {
    problems,
    attempt<T>(load: () => T): T | undefined {
      try {
        return load();
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems.push(...error.problems);
        return undefined;
      }
    },
  };
}
