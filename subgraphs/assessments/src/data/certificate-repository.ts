import { DuplicateKeyError, outboxPush, stripEventFields, withOutbox, type AnyEvent, type DocumentStore, type Update } from '@skillgraph/platform';
import type { CertificateRecord } from './records';

export const CERTIFICATES_COLLECTION = {
  name: 'certificates',
  // One certificate per learner and course; the public id is unique too.
  indexes: [{ fields: ['userId', 'courseId'], unique: true }, { fields: ['certificateId'], unique: true }, { fields: ['userId'] }],
};
export const COUNTERS_COLLECTION = { name: 'counters' };

interface CounterRecord {
  _id: string;
  value: number;
}

export type CertificateRepository = Awaited<ReturnType<typeof openCertificateRepository>>;

const plain = (certificate: CertificateRecord): CertificateRecord => stripEventFields(certificate);
const plainOrNull = (certificate: CertificateRecord | null): CertificateRecord | null => certificate && plain(certificate);

export async function openCertificateRepository(store: DocumentStore) {
  const certificates = await store.collection<CertificateRecord>(CERTIFICATES_COLLECTION);
  const counters = await store.collection<CounterRecord>(COUNTERS_COLLECTION);

  /**
   * The next number of a sequence, atomically across replicas: `updateOne` is a find-and-modify
   * on both engines (MongoDB findOneAndUpdate with `$inc`, nedb's serialised executor), so two
   * callers never get the same value. A missing counter is created at 0 by whoever gets there
   * first (the unique `_id` refuses the other), then incremented like any other.
   */
  async function nextInSequence(name: string): Promise<number> {
    for (;;) {
      const counter = await counters.updateOne({ _id: name }, { $inc: { value: 1 } });
      if (counter) return counter.value;
      try {
        await counters.insertOne({ _id: name, value: 0 });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
  }

  return {
    findById: async (id: string): Promise<CertificateRecord | null> => plainOrNull(await certificates.findOne({ _id: id })),
    findByIds: async (ids: readonly string[]): Promise<CertificateRecord[]> => (await certificates.find({ _id: { $in: [...ids] } })).map(plain),
    findByCertificateId: async (certificateId: string): Promise<CertificateRecord | null> => plainOrNull(await certificates.findOne({ certificateId })),
    findOne: async (userId: string, courseId: string): Promise<CertificateRecord | null> => plainOrNull(await certificates.findOne({ userId, courseId })),
    /** One query: the certificates of these learners, oldest first. */
    findByUserIds: async (userIds: readonly string[]): Promise<CertificateRecord[]> =>
      (await certificates.find({ userId: { $in: [...userIds] } }, { sort: { _id: 1 } })).map(plain),
    nextInSequence,
    /** DuplicateKeyError when the learner holds this course's certificate already. */
    insert: async (certificate: CertificateRecord, events: readonly AnyEvent[]): Promise<CertificateRecord> =>
      plain(await certificates.insertOne(withOutbox(certificate, events))),
    updateWhere: async (id: string, where: Record<string, unknown>, update: Update, events: readonly AnyEvent[]): Promise<CertificateRecord | null> =>
      plainOrNull(await certificates.updateOne({ ...where, _id: id }, outboxPush(events, update))),
    /** Gives a certificate without a code this one; null when it has one already (kept: first one wins). */
    assignCode: async (id: string, code: string): Promise<CertificateRecord | null> =>
      plainOrNull(await certificates.updateOne({ _id: id, verificationCode: { $exists: false } }, { $set: { verificationCode: code } })),
    outboxSource: certificates,
  };
}
