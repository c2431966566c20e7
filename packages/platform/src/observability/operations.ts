import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '../logger';
import type { OperationOutcome, ServiceMetrics } from './metrics';
import { activeTraceId } from './tracing';

export interface OperationObserverOptions {
  metrics: ServiceMetrics;
  /** Gets exactly one line per operation; nothing else is logged on the request path. */
  logger: Logger;
  /** A more specific code for an error than its `extensions.code` (the gateway's limit codes). */
  errorCode?: (error: unknown) => string | undefined;
}

/**
 * Records each GraphQL operation: a count and a latency sample by operation name and outcome, and
 * one JSON log line with name, duration, outcome, HTTP status, error codes and trace id. Variables,
 * headers and documents are never logged (they carry tokens, passwords and emails).
 */
export function operationObserver<TContext extends BaseContext>({ metrics, logger, errorCode }: OperationObserverOptions): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      // Captured here: the request's span is active now, not necessarily when the response is sent.
      const traceId = activeTraceId();
      return {
        async willSendResponse({ operationName, response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const status = response.http.status ?? 200;
          const outcome: OperationOutcome = status >= 400 && status < 500 ? 'refused' : errors?.length ? 'error' : 'success';
          metrics.recordOperation(operationName, outcome, seconds);
          const codes = errors?.length
            ? [...new Set(errors.map((error) => errorCode?.(error) ?? String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))]
            : undefined;
          logger.info(
            {
              operation: operationName ?? null,
              durationMs: Math.round(seconds * 1e4) / 10,
              outcome,
              status,
              ...(codes ? { codes } : {}),
              ...(traceId ? { traceId } : {}),
            },
            'operation',
          );
        },
      };
    },
  };
}
