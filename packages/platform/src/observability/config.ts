import { z } from 'zod';
import { loadConfig, type Env } from '../config';

export interface TracingConfig {
  /** Off unless an exporter is configured through the standard OpenTelemetry variables. */
  enabled: boolean;
  /** OTEL_SERVICE_NAME, else the name the process gives. */
  serviceName: string;
}

const unsetWhenEmpty = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const endpoint = z.preprocess(unsetWhenEmpty, z.url({ error: 'must be a URL such as http://collector:4318' }).optional());
// The exporters the OpenTelemetry Node SDK knows by name.
const EXPORTERS = ['otlp', 'zipkin', 'jaeger', 'console', 'none'];

const tracingEnvSchema = z.object({
  OTEL_SDK_DISABLED: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(['true', 'false', ''], { error: 'must be true or false' }).optional(),
  ),
  OTEL_TRACES_EXPORTER: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const names = (value ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      for (const name of names.filter((candidate) => !EXPORTERS.includes(candidate)))
        ctx.addIssue({ code: 'custom', message: `"${name}" is not one of ${EXPORTERS.join(', ')}` });
      return names;
    }),
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint,
  OTEL_SERVICE_NAME: z.preprocess(unsetWhenEmpty, z.string().optional()),
});

/**
 * Tracing follows the OpenTelemetry conventions instead of inventing variables: it is on when
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER`
 * (other than `none`) is set, and `OTEL_SDK_DISABLED` is not `true`. Every other `OTEL_*`
 * variable (headers, protocol, sampler) is read by the SDK itself. A bad value of these five is a
 * ConfigError like any other setting's, rather than an SDK that silently exports nowhere.
 */
export function loadTracingConfig(source: Env, defaultServiceName: string): TracingConfig {
  const parsed = loadConfig(defaultServiceName, tracingEnvSchema, source);
  const exporters = parsed.OTEL_TRACES_EXPORTER;
  const configured = Boolean(parsed.OTEL_EXPORTER_OTLP_ENDPOINT || parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) || exporters.some((name) => name !== 'none');
  return {
    enabled: parsed.OTEL_SDK_DISABLED !== 'true' && configured && !exporters.includes('none'),
    serviceName: parsed.OTEL_SERVICE_NAME?.trim() || defaultServiceName,
  };
}
