import {
  DuplicateKeyError,
  paginate,
  type Connection,
  type DocumentStore,
  type PageArgs,
} from '@skillgraph/platform';
import type { NotificationRecord } from './records';

export const NOTIFICATIONS_COLLECTION = {
  name: 'notifications',
  indexes: [{ fields: ['sourceKey'], unique: true }, { fields: ['userId'] }, { fields: ['status', 'nextAttemptAt'] }],
};

export type NotificationRepository = Awaited<ReturnType<typeof openNotificationRepository>>;

export async function openNotificationRepository(store: DocumentStore) {
  const notifications = await store.collection<NotificationRecord>(NOTIFICATIONS_COLLECTION);
  return {
    /**
     * Queues the email unless one was queued for the same event and kind: the unique `sourceKey`
     * decides, in the same write, so a replayed event never queues (or sends) it twice.
     */
    async insertOnce(record: NotificationRecord): Promise<'applied' | 'duplicate'> {
      try {
        await notifications.insertOne(record);
        return 'applied';
      } catch (error) {
        if (error instanceof DuplicateKeyError) return 'duplicate';
        throw error;
      }
    },
    findById: (id: string): Promise<NotificationRecord | null> => notifications.findOne({ _id: id }),
    /** The next due emails, most urgent first, then oldest first. */
    due: (now: Date, limit: number): Promise<NotificationRecord[]> =>
      notifications.find({ status: 'QUEUED', nextAttemptAt: { $lte: now } }, { sort: { priority: 1, _id: 1 }, limit }),
    /** When the earliest queued email becomes due; null when none is queued. */
    async nextDueAt(): Promise<Date | null> {
      const [next] = await notifications.find({ status: 'QUEUED' }, { sort: { nextAttemptAt: 1 }, limit: 1 });
      return next ? next.nextAttemptAt : null;
    },
    /**
     * Takes the email for one attempt: counts it and leases it until `leaseUntil`, only if nobody
     * took it meanwhile (same attempts count). A worker that dies mid-attempt leaves it to be
     * retried when the lease runs out.
     */
    claim: (record: NotificationRecord, now: Date, leaseUntil: Date): Promise<NotificationRecord | null> =>
      notifications.updateOne(
        { _id: record._id, status: 'QUEUED', attempts: record.attempts, nextAttemptAt: { $lte: now } },
        { $set: { nextAttemptAt: leaseUntil }, $inc: { attempts: 1 } },
      ),
    markSent: (id: string, at: Date): Promise<NotificationRecord | null> =>
      notifications.updateOne({ _id: id, status: 'QUEUED' }, { $set: { status: 'SENT', sentAt: at }, $unset: { lastError: true } }),
    retryLater: (id: string, error: string, at: Date): Promise<NotificationRecord | null> =>
      notifications.updateOne({ _id: id, status: 'QUEUED' }, { $set: { lastError: error, nextAttemptAt: at } }),
    markFailed: (id: string, error: string, at: Date): Promise<NotificationRecord | null> =>
      notifications.updateOne({ _id: id, status: 'QUEUED' }, { $set: { status: 'FAILED', lastError: error, failedAt: at } }),
    /** Failed emails whose source event is not in the dead-letter topic yet (a publish failed). */
    awaitingDeadLetter: (limit: number): Promise<NotificationRecord[]> =>
      notifications.find({ status: 'FAILED', deadLetteredAt: { $exists: false } }, { sort: { _id: 1 }, limit }),
    markDeadLettered: (id: string, at: Date): Promise<NotificationRecord | null> => notifications.updateOne({ _id: id }, { $set: { deadLetteredAt: at } }),
    listForUser: (userId: string, args: PageArgs): Promise<Connection<NotificationRecord>> => paginate(notifications, { userId }, args, (doc) => doc),
    listFailed: (args: PageArgs): Promise<Connection<NotificationRecord>> => paginate(notifications, { status: 'FAILED' }, args, (doc) => doc),
    countByStatus: (status: NotificationRecord['status']): Promise<number> => notifications.count({ status }),
  };
}
