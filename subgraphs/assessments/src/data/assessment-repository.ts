import { insertOnce, outboxPush, stripEventFields, withOutbox, type AnyEvent, type DocumentStore } from '@skillgraph/platform';
import { withDefaults } from './defaults';
import type { AssessmentRecord, AssessmentSeed, AssessmentVersionRecord } from './records';

export const ASSESSMENTS_COLLECTION = {
  name: 'assessments',
  indexes: [{ fields: ['courseId'] }],
};
export const ASSESSMENT_VERSIONS_COLLECTION = { name: 'assessment_versions', indexes: [{ fields: ['assessmentId'] }] };

/** What an edit may change; `version` and `updatedAt` are the repository's business. */
export type AssessmentChanges = Partial<
  Pick<AssessmentRecord, 'title' | 'passingPercentage' | 'questions' | 'maxAttempts' | 'timeLimitMinutes' | 'lateSubmissions' | 'revealAnswers' | 'required' | 'final' | 'status'>
>;

export type AssessmentRepository = Awaited<ReturnType<typeof openAssessmentRepository>>;

// Reads hand out plain records with every setting present: the staged events stay inside the store.
const plain = (assessment: AssessmentRecord): AssessmentRecord => withDefaults(stripEventFields(assessment));
const plainOrNull = (assessment: AssessmentRecord | null): AssessmentRecord | null => assessment && plain(assessment);

export const versionId = (assessmentId: string, version: number): string => `${assessmentId}:${version}`;

export async function openAssessmentRepository(store: DocumentStore) {
  const assessments = await store.collection<AssessmentRecord>(ASSESSMENTS_COLLECTION);
  const versions = await store.collection<AssessmentVersionRecord>(ASSESSMENT_VERSIONS_COLLECTION);
  return {
    findById: async (id: string): Promise<AssessmentRecord | null> => plainOrNull(await assessments.findOne({ _id: id })),
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: async (ids: readonly string[]): Promise<AssessmentRecord[]> => (await assessments.find({ _id: { $in: [...ids] } })).map(plain),
    /** One query, oldest first (ids are time-ordered). */
    findByCourseIds: async (courseIds: readonly string[]): Promise<AssessmentRecord[]> =>
      (await assessments.find({ courseId: { $in: [...courseIds] } }, { sort: { _id: 1 } })).map(plain),
    /** Inserts the assessment with `events` staged in the same document, so both commit or neither. */
    insert: async (assessment: AssessmentRecord, events: readonly AnyEvent[]): Promise<AssessmentRecord> =>
      plain(await assessments.insertOne(withOutbox(assessment, events))),
    /** Demo data and tests: assessments that appear without anyone's mutation, hence without events. */
    insertMany: async (records: AssessmentSeed[]): Promise<AssessmentRecord[]> => (await assessments.insertMany(records as AssessmentRecord[])).map(plain),
    /**
     * Applies `changes` (and `nextVersion`, when the graded content changed) with `events`, only
     * if nobody changed the assessment since it was read (every write moves `updatedAt`). Null:
     * somebody did, and nothing was written.
     */
    updateIfUnchanged: async (before: AssessmentRecord, changes: AssessmentChanges, at: Date, nextVersion: number, events: readonly AnyEvent[]): Promise<AssessmentRecord | null> =>
      plainOrNull(
        await assessments.updateOne(
          { _id: before._id, updatedAt: before.updatedAt },
          outboxPush(events, { $set: { ...changes, version: nextVersion, updatedAt: at } }),
        ),
      ),
    /** Keeps the graded content of a version about to be replaced; keeping it twice is harmless. */
    keepVersion: (assessment: AssessmentRecord, at: Date) =>
      insertOnce(versions, {
        _id: versionId(assessment._id, assessment.version),
        assessmentId: assessment._id,
        version: assessment.version,
        passingPercentage: assessment.passingPercentage,
        questions: assessment.questions,
        supersededAt: at,
      }),
    findVersion: async (assessmentId: string, version: number): Promise<AssessmentVersionRecord | null> => versions.findOne({ _id: versionId(assessmentId, version) }),
    count: (): Promise<number> => assessments.count({}),
    /** The raw collection, for the outbox relay only: its documents carry the staged events. */
    outboxSource: assessments,
  };
}
