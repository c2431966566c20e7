import type { Env } from '../config';

export interface TracingConfig {
  /** Off unless an exporter is configured through the standard OpenTelemetry variables. */
  enabled: boolean;
  /** OTEL_SERVICE_NAME, else the name the process gives. */
  serviceName: string;
}

/**
 * Tracing follows the OpenTelemetry conventions instead of inventing variables: it is on when
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER`
 * (other than `none`) is set, and `OTEL_SDK_DISABLED` is not `true`. Every other `OTEL_*`
 * variable (headers, protocol, sampler) is read by the SDK itself.
 */
export function loadTracingConfig(source: Env, defaultServiceName: string): TracingConfig {
  const disabled = source.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  const exporters = (source.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const configured = Boolean(source.OTEL_EXPORTER_OTLP_ENDPOINT || source.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) || exporters.some((name) => name !== 'none');
  return { enabled: !disabled && configured && !exporters.includes('none'), serviceName: source.OTEL_SERVICE_NAME?.trim() || defaultServiceName };
}
