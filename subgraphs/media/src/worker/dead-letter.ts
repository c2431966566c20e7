import { DLQ_HEADERS, type AnyEvent, type EventBus } from '@skillgraph/platform';
import type { WorkerFields } from './asset-leases';

export const MEDIA_WORKER_GROUP = 'media-worker';
const MEDIA_TOPIC = 'media.events';

/**
 * Sends the event that asked for the work to `media.events.dlq` with the reason, as the consumer
 * framework does for a handler that keeps failing (same headers). The worker acknowledges
 * MEDIA_UPLOADED before the work ends (see media-worker.ts), so it dead-letters by itself. When the
 * asset was taken over by a sweep and the trigger is unknown, the MEDIA_FAILED event stands in.
 */
export async function deadLetter(
  bus: EventBus,
  assetId: string,
  trigger: WorkerFields['processingTrigger'] | undefined,
  fallback: AnyEvent,
  reason: string,
  attempts: number,
): Promise<void> {
  await bus.publish(`${MEDIA_TOPIC}.dlq`, [
    {
      key: assetId,
      event: trigger?.event ?? fallback,
      headers: {
        [DLQ_HEADERS.reason]: reason,
        [DLQ_HEADERS.sourceTopic]: trigger?.topic ?? MEDIA_TOPIC,
        [DLQ_HEADERS.sourcePartition]: String(trigger?.partition ?? -1),
        [DLQ_HEADERS.sourceOffset]: trigger?.offset ?? '-1',
        [DLQ_HEADERS.group]: MEDIA_WORKER_GROUP,
        [DLQ_HEADERS.attempts]: String(attempts),
        [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      },
    },
  ]);
}
