import DataLoader from 'dataloader';
import { loaderById, groupBy } from '@skillgraph/platform';
import type { AssessmentRepository } from './assessment-repository';
import type { AttemptRepository } from './attempt-repository';
import type { CertificateRepository } from './certificate-repository';
import type { CourseDirectory } from './course-directory';
import type { CourseSettingsRepository } from './course-settings-repository';
import type { AssessmentRecord, AttemptRecord, CertificateRecord, CourseSettingsRecord, CourseViewRecord } from './records';

export interface AssessmentLoaders {
  assessmentById: DataLoader<string, AssessmentRecord | null>;
  /** Each course's assessments, oldest first, whoever may see them. */
  assessmentsByCourseId: DataLoader<string, AssessmentRecord[]>;
  /** What the local projection knows about each course; null when it knows nothing. */
  courseById: DataLoader<string, CourseViewRecord | null>;
  attemptById: DataLoader<string, AttemptRecord | null>;
  /** Every attempt at each assessment, oldest first (for its instructor). */
  attemptsByAssessmentId: DataLoader<string, AttemptRecord[]>;
  /** One learner's attempts at one assessment, keyed `userId:assessmentId`; one query per learner. */
  attemptsOf: DataLoader<string, AttemptRecord[]>;
  certificateById: DataLoader<string, CertificateRecord | null>;
  certificatesByUserId: DataLoader<string, CertificateRecord[]>;
  /** Per-course settings; null for a course on the defaults. */
  courseSettingsById: DataLoader<string, CourseSettingsRecord | null>;
}

export const attemptsKey = (userId: string, assessmentId: string): string => `${userId}:${assessmentId}`;

export interface LoaderSources {
  assessments: AssessmentRepository;
  directory: CourseDirectory;
  attempts: AttemptRepository;
  certificates: CertificateRepository;
  settings: CourseSettingsRepository;
}

/** Per-request loaders: every key asked for in one tick becomes one database query. */
export function createAssessmentLoaders({ assessments, directory, attempts, certificates, settings }: LoaderSources): AssessmentLoaders {
  return {
    assessmentById: loaderById(assessments.findByIds),
    assessmentsByCourseId: new DataLoader(async (courseIds) => {
      const byCourse = groupBy(await assessments.findByCourseIds(courseIds), (assessment) => assessment.courseId);
      return courseIds.map((id) => (byCourse.get(id) ?? []).filter((assessment) => assessment.status !== 'DELETED'));
    }),
    courseById: loaderById(directory.getMany),
    attemptById: loaderById(attempts.findByIds),
    attemptsByAssessmentId: new DataLoader(async (assessmentIds) => {
      const byAssessment = groupBy(await attempts.findByAssessmentIds(assessmentIds), (attempt) => attempt.assessmentId);
      return assessmentIds.map((id) => byAssessment.get(id) ?? []);
    }),
    attemptsOf: new DataLoader(async (keys) => {
      const found = new Map<string, AttemptRecord[]>();
      const byLearner = groupBy([...keys], (key) => key.split(':')[0]);
      await Promise.all(
        [...byLearner].map(async ([userId, learnerKeys]) => {
          const mine = await attempts.findForUser(userId, learnerKeys.map((key) => key.split(':')[1]!));
          for (const [assessmentId, list] of groupBy(mine, (attempt) => attempt.assessmentId)) {
            found.set(attemptsKey(userId, assessmentId), list.sort((a, b) => a.number - b.number));
          }
        }),
      );
      return keys.map((key) => found.get(key) ?? []);
    }),
    certificateById: loaderById(certificates.findByIds),
    certificatesByUserId: new DataLoader(async (userIds) => {
      const byUser = groupBy(await certificates.findByUserIds(userIds), (certificate) => certificate.userId);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    courseSettingsById: loaderById(settings.findByIds),
  };
}
