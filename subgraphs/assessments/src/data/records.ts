import type { StoredDocument } from '@skillgraph/platform';

/** One answer option. */
export interface ChoiceRecord {
  _id: string;
  text: string;
  /** The answer key. It stays inside this subgraph: the schema has no field for it, on purpose. */
  correct: boolean;
}

export interface QuestionRecord {
  _id: string;
  prompt: string;
  points: number;
  /** In display order. */
  choices: ChoiceRecord[];
}

export type LateSubmissionPolicy = 'REFUSE' | 'MARK_LATE';
export type AnswerReveal = 'NEVER' | 'AFTER_SUBMISSION' | 'AFTER_PASSING';
/** DELETED is a tombstone: hidden everywhere, kept so its deletion event commits with it (outbox). */
export type AssessmentStatus = 'ACTIVE' | 'ARCHIVED' | 'DELETED';

/** How an assessment is taken; every field has a default, so records written before them still read. */
export interface AssessmentSettings {
  /** Null: unlimited. */
  maxAttempts: number | null;
  /** Null: untimed. */
  timeLimitMinutes: number | null;
  lateSubmissions: LateSubmissionPolicy;
  revealAnswers: AnswerReveal;
  /** Completing the course needs it passed. */
  required: boolean;
  /** Passing it earns the course's certificate. */
  final: boolean;
}

/** What grading uses; an attempt is graded against the version it started on. */
export interface GradedContent {
  /** 0 to 100. */
  passingPercentage: number;
  /** In the order students see them. */
  questions: QuestionRecord[];
}

/** An assessment as stored: one document with its current questions and settings. */
export interface AssessmentRecord extends StoredDocument, GradedContent, AssessmentSettings {
  courseId: string;
  title: string;
  /** Bumped by every change to the questions or passing mark; earlier versions live in `assessment_versions`. */
  version: number;
  status: AssessmentStatus;
  /** Who created it: the course's instructor or an admin. */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** An assessment as seed data and older records hold it: settings, version and status may be absent. */
export type AssessmentSeed = Omit<AssessmentRecord, keyof AssessmentSettings | 'version' | 'status' | 'updatedAt'> &
  Partial<Pick<AssessmentRecord, keyof AssessmentSettings | 'version' | 'status' | 'updatedAt'>>;

/** The graded content of an earlier version, kept for the attempts that started on it. */
export interface AssessmentVersionRecord extends StoredDocument, GradedContent {
  assessmentId: string;
  version: number;
  /** When this version stopped being the current one. */
  supersededAt: Date;
}

export type AttemptStatus = 'IN_PROGRESS' | 'GRADED' | 'EXPIRED';

export interface AnswerRecord {
  questionId: string;
  choiceIds: string[];
}

export interface QuestionResultRecord {
  questionId: string;
  selectedChoiceIds: string[];
  correct: boolean;
  points: number;
  pointsAwarded: number;
  /** The answer key for this question: stored, and shown only as the assessment's reveal setting allows. */
  correctChoiceIds: string[];
}

/** One attempt of one learner at one assessment; numbered from 1 per learner and assessment. */
export interface AttemptRecord extends StoredDocument {
  assessmentId: string;
  assessmentVersion: number;
  courseId: string;
  userId: string;
  number: number;
  status: AttemptStatus;
  startedAt: Date;
  /** Null when untimed. */
  deadline: Date | null;
  submittedAt: Date | null;
  /** Submitted after the deadline under the MARK_LATE policy. */
  late: boolean;
  answers: AnswerRecord[];
  score: number | null;
  maxScore: number;
  percentage: number | null;
  passed: boolean | null;
  results: QuestionResultRecord[];
}

export type EnrollmentViewStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

/** Who is enrolled where, projected from course.events; `_id` is `userId:courseId`. */
export interface EnrollmentViewRecord extends StoredDocument {
  userId: string;
  courseId: string;
  status: EnrollmentViewStatus;
}

/** What earns a course's certificate: passing its final assessment (default), or completing the course. */
export type CertificatePolicy = 'FINAL_ASSESSMENT' | 'COURSE_COMPLETION';

/** Settings this subgraph keeps per course (the courses subgraph owns everything else); `_id` is the course id. */
export interface CourseSettingsRecord extends StoredDocument {
  certificatePolicy: CertificatePolicy;
  updatedAt: Date;
  updatedBy: string;
}

/** A certificate: one per learner and course, earned by passing the course's final assessment. */
export interface CertificateRecord extends StoredDocument {
  /** Human-readable and public: `CERT-<year>-<sequence>`. */
  certificateId: string;
  userId: string;
  courseId: string;
  assessmentId: string;
  score: number;
  percentage: number;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revocationReason: string | null;
  /**
   * The secret that, with `certificateId`, shows who holds the certificate (canonical form, see
   * services/certificate-code.ts). Absent on certificates issued before codes existed until their
   * holder's first read gives them one.
   */
  verificationCode?: string;
}

/** A user known here only by id; the users subgraph owns everything else about them. */
export interface UserReference {
  id: string;
}

/**
 * What this subgraph knows about a course, which the courses subgraph owns: a local projection,
 * kept current from course events, so access checks need no call to another service.
 */
export interface CourseViewRecord extends StoredDocument {
  instructorId: string;
  title: string;
  published: boolean;
}

/** A course known here only by id; the courses subgraph owns everything else about it. */
export interface CourseReference {
  id: string;
}
