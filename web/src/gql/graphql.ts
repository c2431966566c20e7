/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@urql/core';
/** A lesson to add to a course. */
export type AddLessonInput = {
  /** Expected length in minutes, 1 to 600. */
  durationMinutes: number;
  /** 1-based place to insert the lesson; lessons at and after it move down. Default: at the end. */
  position?: number | null | undefined;
  /** Title, 1 to 120 characters. */
  title: string;
};

/** The learner's answer to one question. */
export type AnswerInput = {
  /** The choices picked, each at most once; empty for no answer. */
  choiceIds: Array<string | number>;
  /** The question answered; each question at most once. */
  questionId: string | number;
};

/** When learners see the correct answers of a graded attempt. */
export type AnswerReveal =
  /** Only on attempts that passed. */
  | 'AFTER_PASSING'
  /** As soon as the attempt is graded. */
  | 'AFTER_SUBMISSION'
  /** Never: learners see their score and which questions they got right, not the correct choices. */
  | 'NEVER';

/** Whether an assessment takes new attempts. */
export type AssessmentStatus =
  /** Open for attempts. */
  | 'ACTIVE'
  /** Retired: no new attempts; attempts and certificates stay. */
  | 'ARCHIVED';

/** Where an attempt stands. */
export type AttemptStatus =
  /** The time limit passed before a submission the assessment accepts. */
  | 'EXPIRED'
  /** Submitted and graded. */
  | 'GRADED'
  /** Started and not submitted yet. */
  | 'IN_PROGRESS';

/** What earns a course's certificate. Either way the certificate names a passed final assessment. */
export type CertificatePolicy =
  /** Completing the course (every lesson and every required assessment), with a final assessment passed. */
  | 'COURSE_COMPLETION'
  /** Passing a final assessment of the course. */
  | 'FINAL_ASSESSMENT';

/** One answer option of a new question. */
export type ChoiceInput = {
  /** True for a correct answer; each question needs at least one. */
  correct: boolean;
  /** The answer text, 1 to 500 characters. */
  text: string;
};

/** A part the client sent, with the ETag the store answered. */
export type CompletedPartInput = {
  /** The ETag header of the part's PUT response. */
  etag: string;
  /** The part's number, from 1. */
  partNumber: number;
};

/** Which courses to list. Every field narrows the result; omitted fields do not filter. */
export type CourseFilter = {
  /** Only courses taught by this instructor. */
  instructorId?: string | number | null | undefined;
  /** Only published (true) or only unpublished (false) courses. */
  published?: boolean | null | undefined;
  /** Only courses whose title contains this text, ignoring case (1 to 100 characters). */
  titleContains?: string | null | undefined;
};

/** Where a course is in its life. */
export type CourseStatus =
  /** Retired for good: out of the catalogue, closed to new enrollments. */
  | 'ARCHIVED'
  /** Not in the catalogue yet (or taken out of it); only its instructor and admins see it. */
  | 'DRAFT'
  /** In the catalogue, open to enrollment. */
  | 'PUBLISHED';

/** A new assessment for a course. */
export type CreateAssessmentInput = {
  /** The course it belongs to. */
  courseId: string | number;
  /** Passing it earns the course's certificate. Default false. */
  final?: boolean | null | undefined;
  /** What happens to late submissions. Default REFUSE. */
  lateSubmissions?: LateSubmissionPolicy | null | undefined;
  /** Attempts each learner may make, 1 to 100; 0 or omitted for unlimited. */
  maxAttempts?: number | null | undefined;
  /** Lowest passing score as a percentage, 0 to 100. Default 70. */
  passingPercentage?: number | null | undefined;
  /** One to 100 questions. */
  questions: Array<QuestionInput>;
  /** Completing the course needs it passed. Default false. */
  required?: boolean | null | undefined;
  /** When learners see the correct answers. Default AFTER_SUBMISSION. */
  revealAnswers?: AnswerReveal | null | undefined;
  /** Minutes per attempt, 1 to 1440; 0 or omitted for untimed. */
  timeLimitMinutes?: number | null | undefined;
  /** Title, 3 to 120 characters. */
  title: string;
};

/** A new course; it starts unpublished and owned by the instructor who creates it. */
export type CreateCourseInput = {
  /** Description, up to 5000 characters. */
  description?: string;
  /** Title, 3 to 120 characters. */
  title: string;
};

/** A direct upload to announce: the bytes then go straight to storage. */
export type CreateUploadInput = {
  /** The declared MIME type; the bytes must agree. */
  contentType: string;
  /** The file's name on the client's device; cleaned for display, never used as a storage key. */
  filename: string;
  /** The kind the file claims to be. */
  kind: MediaKind;
  /** What the file is for. Default COURSE_MATERIAL. */
  purpose?: MediaPurpose | null | undefined;
  /**
   * SHA-256 of the bytes (64 hexadecimal digits), when the client computed it: confirming refuses
   * other bytes, and in S3 mode the presigned request carries it as `x-amz-checksum-sha256`.
   */
  sha256?: string | null | undefined;
  /** Exact size in bytes. */
  size: number;
};

/** Where an enrollment stands. */
export type EnrollmentStatus =
  /** Enrolled and learning. */
  | 'ACTIVE'
  /** The learner left the course; progress is kept. */
  | 'CANCELLED'
  /** Every lesson completed and every required assessment passed. */
  | 'COMPLETED';

/** What happens to a submission that arrives after the time limit. */
export type LateSubmissionPolicy =
  /** Graded, and marked late. */
  | 'MARK_LATE'
  /** Refused: the attempt expires ungraded (it still counts as an attempt). */
  | 'REFUSE';

/** Where a learner is in a lesson. */
export type LessonProgressInput = {
  /** True when the learner finished the lesson. Omitted or false never undoes an earlier completion. */
  completed?: boolean | null | undefined;
  /** The position reached, in seconds, 0 to 86400. */
  positionSeconds: number;
};

/** The broad kind of a media file, which decides how it is processed and served. */
export type MediaKind =
  /** A sound recording. */
  | 'AUDIO'
  /** A document such as a PDF. */
  | 'DOCUMENT'
  /** A still picture (PNG, JPEG, WebP...). */
  | 'IMAGE'
  /** A video, served as HLS. */
  | 'VIDEO';

/** What a file is for; it decides who may see it and how long its URLs stay valid. */
export type MediaPurpose =
  /** A course's cover picture: unsigned once the course is published. */
  | 'COURSE_COVER'
  /** Material of a course (lesson videos, PDFs...): signed URLs, 4 h for video, 2 h otherwise. */
  | 'COURSE_MATERIAL'
  /** Free public content: unsigned URLs. */
  | 'PUBLIC'
  /** A private verification document (identity, diploma): only its owner and admins, URLs valid 30 min. */
  | 'VERIFICATION_DOCUMENT'
  /** A webinar recording: signed URLs valid 8 h. */
  | 'WEBINAR_RECORDING';

/** Where a media file is in its lifecycle; nothing is served before it is CLEAN. */
export type MediaStatus =
  /** Scanned and clean; waiting for processing. */
  | 'CLEAN'
  /** Processing failed for good. */
  | 'FAILED'
  /** Malware found; never served. */
  | 'INFECTED'
  /** Created; waiting for the bytes. */
  | 'PENDING_UPLOAD'
  /** Thumbnails, renditions or text being produced. */
  | 'PROCESSING'
  /** Processed and ready to serve. */
  | 'READY'
  /** Being scanned for malware. */
  | 'SCANNING'
  /** Bytes received; waiting for the virus scan. */
  | 'UPLOADED';

/** A new multiple-choice question. */
export type QuestionInput = {
  /** Two to ten choices. */
  choices: Array<ChoiceInput>;
  /** Points for a correct answer, 1 to 100. Default 1. */
  points?: number | null | undefined;
  /** The question text, 1 to 2000 characters. */
  prompt: string;
};

/** A new account. Every new account is a STUDENT; only an admin can change a role. */
export type RegisterInput = {
  /** Sign-in email address; unique on the platform, ignoring upper and lower case. */
  email: string;
  /** Display name, 1 to 100 characters. */
  name: string;
  /** At least 10 characters mixing at least two kinds (lower case, upper case, digits, symbols); not the email or name, not a common password. */
  password: string;
};

/** What a person may do on the platform. Each account has exactly one role. */
export type Role =
  /** Manages every account and course. */
  | 'ADMIN'
  /** Creates and teaches courses. */
  | 'INSTRUCTOR'
  /** Takes courses and assessments. */
  | 'STUDENT';

/** How the code given to `verifyCertificate` compares with the certificate's. */
export type VerificationCodeCheck =
  /** The code is not this certificate's: the answer says only whether the certificate is valid. */
  | 'DOES_NOT_MATCH'
  /** The code is the certificate's: the answer shows its holder and course. */
  | 'MATCHES'
  /** No code was given: the answer says only whether the certificate is valid. */
  | 'NOT_GIVEN';

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;

export type SignInMutation = {
  login: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string; user: { id: string; name: string; email: string | null; role: Role } };
};

export type SignUpMutationVariables = Exact<{
  input: RegisterInput;
}>;

export type SignUpMutation = {
  register: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string; user: { id: string; name: string; email: string | null; role: Role } };
};

export type RefreshSessionMutationVariables = Exact<{
  token: string;
}>;

export type RefreshSessionMutation = {
  refreshToken: {
    accessToken: string;
    accessTokenExpiresAt: string;
    refreshToken: string;
    user: { id: string; name: string; email: string | null; role: Role };
  };
};

export type SignOutMutationVariables = Exact<{
  refreshToken: string;
}>;

export type SignOutMutation = { logout: boolean };

export type SessionTokensFragment = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: { id: string; name: string; email: string | null; role: Role };
};

export type SubmitAttemptMutationVariables = Exact<{
  attemptId: string | number;
  answers: Array<AnswerInput> | AnswerInput;
}>;

export type SubmitAttemptMutation = { submitAttempt: { id: string; status: AttemptStatus; passed: boolean | null } };

export type TeachingCoursesQueryVariables = Exact<{ [key: string]: never }>;

export type TeachingCoursesQuery = {
  me: { id: string; coursesTaught: Array<{ id: string; title: string; status: CourseStatus; lessons: Array<{ id: string }> }> } | null;
};

export type CreateCourseMutationVariables = Exact<{
  input: CreateCourseInput;
}>;

export type CreateCourseMutation = { createCourse: { id: string; title: string } };

export type CourseEditorQueryVariables = Exact<{
  id: string | number;
}>;

export type CourseEditorQuery = {
  course: {
    id: string;
    title: string;
    description: string;
    status: CourseStatus;
    published: boolean;
    certificatePolicy: CertificatePolicy;
    coverImage: { id: string; kind: MediaKind; filename: string; status: MediaStatus; progress: number | null; failureReason: string | null } | null;
    lessons: Array<{
      id: string;
      title: string;
      position: number;
      durationMinutes: number;
      media: Array<{ id: string; kind: MediaKind; filename: string; status: MediaStatus; progress: number | null; failureReason: string | null }> | null;
    }>;
    assessments: Array<{
      id: string;
      title: string;
      passingPercentage: number;
      final: boolean;
      required: boolean;
      timeLimitMinutes: number | null;
      questions: Array<{ id: string }>;
    }> | null;
  } | null;
};

export type CourseStatsQueryVariables = Exact<{
  id: string | number;
}>;

export type CourseStatsQuery = {
  course: {
    id: string;
    stats: {
      enrolled: number;
      active: number;
      completed: number;
      cancelled: number;
      completionRate: number;
      averageScore: number | null;
      lessons: Array<{ views: number; averageWatchSeconds: number; completionRate: number; lesson: { id: string; title: string } }>;
      dropOffLesson: { id: string; title: string } | null;
    } | null;
  } | null;
};

export type AssetStateFragment = { id: string; kind: MediaKind; filename: string; status: MediaStatus; progress: number | null; failureReason: string | null };

export type AssetStatusQueryVariables = Exact<{
  id: string | number;
}>;

export type AssetStatusQuery = {
  mediaAsset: { id: string; kind: MediaKind; filename: string; status: MediaStatus; progress: number | null; failureReason: string | null } | null;
};

export type AddLessonMutationVariables = Exact<{
  courseId: string | number;
  input: AddLessonInput;
}>;

export type AddLessonMutation = { addLesson: { id: string; lessons: Array<{ id: string }> } };

export type PublishCourseMutationVariables = Exact<{
  id: string | number;
}>;

export type PublishCourseMutation = { publishCourse: { id: string; status: CourseStatus; published: boolean } };

export type CreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;

export type CreateUploadMutation = {
  createUpload: { uploadUrl: string; method: string; asset: { id: string }; headers: Array<{ name: string; value: string }> };
};

export type ConfirmUploadMutationVariables = Exact<{
  assetId: string | number;
}>;

export type ConfirmUploadMutation = {
  confirmUpload: { id: string; kind: MediaKind; filename: string; status: MediaStatus; progress: number | null; failureReason: string | null };
};

export type CreateMultipartUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;

export type CreateMultipartUploadMutation = {
  createMultipartUpload: { partSize: number; partCount: number; asset: { id: string }; parts: Array<{ partNumber: number; url: string }> };
};

export type UploadPartUrlsMutationVariables = Exact<{
  assetId: string | number;
  partNumbers: Array<number> | number;
}>;

export type UploadPartUrlsMutation = { uploadPartUrls: Array<{ partNumber: number; url: string }> };

export type CompleteMultipartUploadMutationVariables = Exact<{
  assetId: string | number;
  parts: Array<CompletedPartInput> | CompletedPartInput;
}>;

export type CompleteMultipartUploadMutation = {
  completeMultipartUpload: { id: string; kind: MediaKind; filename: string; status: MediaStatus; progress: number | null; failureReason: string | null };
};

export type AttachLessonMediaMutationVariables = Exact<{
  lessonId: string | number;
  assetId: string | number;
}>;

export type AttachLessonMediaMutation = { attachLessonMedia: { id: string } };

export type SetCourseCoverMutationVariables = Exact<{
  courseId: string | number;
  assetId: string | number;
}>;

export type SetCourseCoverMutation = { setCourseCover: { id: string } };

export type CreateAssessmentMutationVariables = Exact<{
  input: CreateAssessmentInput;
}>;

export type CreateAssessmentMutation = { createAssessment: { id: string; title: string } };

export type SetCertificatePolicyMutationVariables = Exact<{
  courseId: string | number;
  policy: CertificatePolicy;
}>;

export type SetCertificatePolicyMutation = { setCertificatePolicy: { id: string; certificatePolicy: CertificatePolicy } };

export type AssessmentPageQueryVariables = Exact<{
  id: string | number;
}>;

export type AssessmentPageQuery = {
  assessment: {
    id: string;
    title: string;
    passingPercentage: number;
    timeLimitMinutes: number | null;
    maxAttempts: number | null;
    status: AssessmentStatus;
    questions: Array<{ id: string }>;
    course: { id: string; title: string };
    viewerAttempts: Array<{ id: string; number: number; status: AttemptStatus; passed: boolean | null; percentage: number | null }>;
  } | null;
};

export type StartAttemptMutationVariables = Exact<{
  assessmentId: string | number;
}>;

export type StartAttemptMutation = {
  startAttempt: {
    id: string;
    number: number;
    status: AttemptStatus;
    deadline: string | null;
    questions: Array<{ id: string; prompt: string; points: number; choices: Array<{ id: string; text: string }> }>;
  };
};

export type AttemptResultQueryVariables = Exact<{
  id: string | number;
}>;

export type AttemptResultQuery = {
  attempt: {
    id: string;
    number: number;
    status: AttemptStatus;
    late: boolean;
    score: number | null;
    maxScore: number;
    percentage: number | null;
    passed: boolean | null;
    assessment: { id: string; title: string; passingPercentage: number; final: boolean; course: { id: string; title: string } };
    questions: Array<{ id: string; prompt: string; choices: Array<{ id: string; text: string }> }>;
    results: Array<{
      questionId: string;
      correct: boolean;
      points: number;
      pointsAwarded: number;
      selectedChoiceIds: Array<string>;
      correctChoiceIds: Array<string> | null;
    }>;
  } | null;
};

export type CatalogueQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: CourseFilter | null | undefined;
}>;

export type CatalogueQuery = {
  courses: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        title: string;
        description: string;
        instructor: { id: string; name: string };
        lessons: Array<{ id: string }>;
        coverImage: { id: string; thumbnailUrl: { url: string } | null } | null;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type MyCertificatesQueryVariables = Exact<{ [key: string]: never }>;

export type MyCertificatesQuery = {
  me: {
    id: string;
    certificates: Array<{
      id: string;
      certificateId: string;
      percentage: number;
      issuedAt: string;
      revokedAt: string | null;
      pdfUrl: string;
      verificationCode: string | null;
      verificationUrl: string | null;
      course: { id: string; title: string };
    }> | null;
  } | null;
};

export type CoursePageQueryVariables = Exact<{
  id: string | number;
}>;

export type CoursePageQuery = {
  course: {
    id: string;
    title: string;
    description: string;
    status: CourseStatus;
    instructor: { id: string; name: string };
    coverImage: { id: string; url: { url: string } | null; thumbnailUrl: { url: string } | null } | null;
    lessons: Array<{ id: string; title: string; position: number; durationMinutes: number }>;
    assessments: Array<{ id: string; title: string; status: AssessmentStatus; required: boolean; final: boolean; timeLimitMinutes: number | null }> | null;
    viewerEnrollment: {
      id: string;
      status: EnrollmentStatus;
      progress: { completedLessons: number; totalLessons: number; percent: number; lastLesson: { id: string } | null };
      lessonProgress: Array<{ completed: boolean; lesson: { id: string } }>;
    } | null;
  } | null;
};

export type EnrollMutationVariables = Exact<{
  courseId: string | number;
}>;

export type EnrollMutation = { enroll: { id: string; status: EnrollmentStatus } };

export type LessonPageQueryVariables = Exact<{
  courseId: string | number;
}>;

export type LessonPageQuery = {
  course: {
    id: string;
    title: string;
    lessons: Array<{
      id: string;
      title: string;
      position: number;
      durationMinutes: number;
      media: Array<{
        id: string;
        kind: MediaKind;
        filename: string;
        contentType: string;
        status: MediaStatus;
        url: { url: string } | null;
        thumbnailUrl: { url: string } | null;
        playbackUrl: { url: string } | null;
      }> | null;
    }>;
    viewerEnrollment: {
      id: string;
      status: EnrollmentStatus;
      lessonProgress: Array<{ positionSeconds: number; completed: boolean; lesson: { id: string } }>;
    } | null;
  } | null;
};

export type RecordLessonProgressMutationVariables = Exact<{
  lessonId: string | number;
  input: LessonProgressInput;
}>;

export type RecordLessonProgressMutation = {
  recordLessonProgress: {
    id: string;
    status: EnrollmentStatus;
    lessonProgress: Array<{ positionSeconds: number; completed: boolean; lesson: { id: string } }>;
  };
};

export type MyLearningQueryVariables = Exact<{ [key: string]: never }>;

export type MyLearningQuery = {
  me: {
    id: string;
    enrollments: {
      edges: Array<{
        node: {
          id: string;
          status: EnrollmentStatus;
          course: { id: string; title: string };
          progress: { completedLessons: number; totalLessons: number; percent: number; lastLesson: { id: string; title: string } | null };
        };
      }>;
    } | null;
  } | null;
};

export type VerifyCertificateQueryVariables = Exact<{
  certificateId: string;
  code?: string | null | undefined;
}>;

export type VerifyCertificateQuery = {
  verifyCertificate: {
    certificateId: string;
    valid: boolean;
    revoked: boolean;
    codeCheck: VerificationCodeCheck;
    courseTitle: string | null;
    issuedAt: string | null;
    revokedAt: string | null;
    holder: { id: string; name: string } | null;
  } | null;
};

export const SessionTokensFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SessionTokens' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AuthPayload' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'accessToken' } },
          { kind: 'Field', name: { kind: 'Name', value: 'accessTokenExpiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'refreshToken' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SessionTokensFragment, unknown>;
export const AssetStateFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AssetState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MediaAsset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'filename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'progress' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AssetStateFragment, unknown>;
export const SignInDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SignIn' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'email' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'login' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'email' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'email' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'password' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'password' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SessionTokens' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SessionTokens' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AuthPayload' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'accessToken' } },
          { kind: 'Field', name: { kind: 'Name', value: 'accessTokenExpiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'refreshToken' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignUpDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SignUp' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'RegisterInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'register' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SessionTokens' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SessionTokens' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AuthPayload' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'accessToken' } },
          { kind: 'Field', name: { kind: 'Name', value: 'accessTokenExpiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'refreshToken' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const RefreshSessionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RefreshSession' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'token' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'refreshToken' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'token' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'token' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SessionTokens' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SessionTokens' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AuthPayload' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'accessToken' } },
          { kind: 'Field', name: { kind: 'Name', value: 'accessTokenExpiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'refreshToken' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'user' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SignOut' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'refreshToken' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'logout' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'refreshToken' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'refreshToken' } } },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const SubmitAttemptDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SubmitAttempt' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'attemptId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'answers' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'AnswerInput' } } } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'submitAttempt' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'attemptId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'attemptId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'answers' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'answers' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'passed' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubmitAttemptMutation, SubmitAttemptMutationVariables>;
export const TeachingCoursesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'TeachingCourses' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'me' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'coursesTaught' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'lessons' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TeachingCoursesQuery, TeachingCoursesQueryVariables>;
export const CreateCourseDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateCourse' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateCourseInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createCourse' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateCourseMutation, CreateCourseMutationVariables>;
export const CourseEditorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CourseEditor' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'course' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'published' } },
                { kind: 'Field', name: { kind: 'Name', value: 'certificatePolicy' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'coverImage' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AssetState' } }] },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lessons' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'durationMinutes' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'media' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AssetState' } }] },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'assessments' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'passingPercentage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'final' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'timeLimitMinutes' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'questions' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AssetState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MediaAsset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'filename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'progress' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CourseEditorQuery, CourseEditorQueryVariables>;
export const CourseStatsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CourseStats' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'course' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'stats' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'enrolled' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'active' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'completed' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'cancelled' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'completionRate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'averageScore' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'lessons' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lesson' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                                ],
                              },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'views' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'averageWatchSeconds' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'completionRate' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'dropOffLesson' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CourseStatsQuery, CourseStatsQueryVariables>;
export const AssetStatusDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AssetStatus' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'mediaAsset' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AssetState' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AssetState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MediaAsset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'filename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'progress' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AssetStatusQuery, AssetStatusQueryVariables>;
export const AddLessonDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'AddLesson' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'AddLessonInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'addLesson' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'courseId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lessons' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AddLessonMutation, AddLessonMutationVariables>;
export const PublishCourseDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PublishCourse' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'publishCourse' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'published' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PublishCourseMutation, PublishCourseMutationVariables>;
export const CreateUploadDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateUpload' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateUploadInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createUpload' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'asset' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'uploadUrl' } },
                { kind: 'Field', name: { kind: 'Name', value: 'method' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'headers' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateUploadMutation, CreateUploadMutationVariables>;
export const ConfirmUploadDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ConfirmUpload' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'confirmUpload' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'assetId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } } }],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AssetState' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AssetState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MediaAsset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'filename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'progress' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConfirmUploadMutation, ConfirmUploadMutationVariables>;
export const CreateMultipartUploadDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateMultipartUpload' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateUploadInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createMultipartUpload' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'asset' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'partSize' } },
                { kind: 'Field', name: { kind: 'Name', value: 'partCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'parts' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'partNumber' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateMultipartUploadMutation, CreateMultipartUploadMutationVariables>;
export const UploadPartUrlsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UploadPartUrls' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'partNumbers' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'uploadPartUrls' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'assetId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'partNumbers' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'partNumbers' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'partNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UploadPartUrlsMutation, UploadPartUrlsMutationVariables>;
export const CompleteMultipartUploadDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CompleteMultipartUpload' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'parts' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CompletedPartInput' } } } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'completeMultipartUpload' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'assetId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'parts' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'parts' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AssetState' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AssetState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MediaAsset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'filename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'progress' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CompleteMultipartUploadMutation, CompleteMultipartUploadMutationVariables>;
export const AttachLessonMediaDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'AttachLessonMedia' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'lessonId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'attachLessonMedia' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'lessonId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'lessonId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'assetId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AttachLessonMediaMutation, AttachLessonMediaMutationVariables>;
export const SetCourseCoverDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SetCourseCover' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setCourseCover' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'courseId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'assetId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'assetId' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SetCourseCoverMutation, SetCourseCoverMutationVariables>;
export const CreateAssessmentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateAssessment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateAssessmentInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createAssessment' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateAssessmentMutation, CreateAssessmentMutationVariables>;
export const SetCertificatePolicyDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SetCertificatePolicy' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'policy' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CertificatePolicy' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setCertificatePolicy' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'courseId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'policy' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'policy' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'certificatePolicy' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SetCertificatePolicyMutation, SetCertificatePolicyMutationVariables>;
export const AssessmentPageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AssessmentPage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'assessment' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                { kind: 'Field', name: { kind: 'Name', value: 'passingPercentage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'timeLimitMinutes' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxAttempts' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'questions' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'course' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'viewerAttempts' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'passed' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'percentage' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AssessmentPageQuery, AssessmentPageQueryVariables>;
export const StartAttemptDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'StartAttempt' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'assessmentId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'startAttempt' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'assessmentId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'assessmentId' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'deadline' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'questions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'prompt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'points' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'choices' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'text' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<StartAttemptMutation, StartAttemptMutationVariables>;
export const AttemptResultDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AttemptResult' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'attempt' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'late' } },
                { kind: 'Field', name: { kind: 'Name', value: 'score' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxScore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'percentage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'passed' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'assessment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'passingPercentage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'final' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'course' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'questions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'prompt' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'choices' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'text' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'results' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'questionId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'correct' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'points' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'pointsAwarded' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'selectedChoiceIds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'correctChoiceIds' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AttemptResultQuery, AttemptResultQueryVariables>;
export const CatalogueDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Catalogue' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'CourseFilter' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'courses' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'after' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'filter' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'instructor' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lessons' },
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'coverImage' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'thumbnailUrl' },
                                    arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'size' }, value: { kind: 'IntValue', value: '480' } }],
                                    selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'url' } }] },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogueQuery, CatalogueQueryVariables>;
export const MyCertificatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MyCertificates' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'me' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'certificates' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'certificateId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'percentage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'issuedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'revokedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'pdfUrl' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'verificationCode' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'verificationUrl' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'course' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MyCertificatesQuery, MyCertificatesQueryVariables>;
export const CoursePageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CoursePage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'course' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'instructor' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'coverImage' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'url' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'url' } }] },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'thumbnailUrl' },
                        arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'size' }, value: { kind: 'IntValue', value: '960' } }],
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'url' } }] },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lessons' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'durationMinutes' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'assessments' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'final' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'timeLimitMinutes' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'viewerEnrollment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'progress' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'completedLessons' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'totalLessons' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'percent' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lastLesson' },
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'lessonProgress' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lesson' },
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'completed' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CoursePageQuery, CoursePageQueryVariables>;
export const EnrollDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'Enroll' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enroll' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'courseId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EnrollMutation, EnrollMutationVariables>;
export const LessonPageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'LessonPage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'course' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'courseId' } } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lessons' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'durationMinutes' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'media' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'filename' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'contentType' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'url' },
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'url' } }] },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'thumbnailUrl' },
                              arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'size' }, value: { kind: 'IntValue', value: '1280' } }],
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'url' } }] },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'playbackUrl' },
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'url' } }] },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'viewerEnrollment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'lessonProgress' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lesson' },
                              selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'positionSeconds' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'completed' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LessonPageQuery, LessonPageQueryVariables>;
export const RecordLessonProgressDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RecordLessonProgress' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'lessonId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'LessonProgressInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'recordLessonProgress' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'lessonId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'lessonId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lessonProgress' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'lesson' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }] },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'positionSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'completed' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RecordLessonProgressMutation, RecordLessonProgressMutationVariables>;
export const MyLearningDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MyLearning' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'me' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'enrollments' },
                  arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '100' } }],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'course' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                        { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                                      ],
                                    },
                                  },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'progress' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'completedLessons' } },
                                        { kind: 'Field', name: { kind: 'Name', value: 'totalLessons' } },
                                        { kind: 'Field', name: { kind: 'Name', value: 'percent' } },
                                        {
                                          kind: 'Field',
                                          name: { kind: 'Name', value: 'lastLesson' },
                                          selectionSet: {
                                            kind: 'SelectionSet',
                                            selections: [
                                              { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                              { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                                            ],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MyLearningQuery, MyLearningQueryVariables>;
export const VerifyCertificateDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'VerifyCertificate' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'certificateId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'code' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verifyCertificate' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'certificateId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'certificateId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'code' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'code' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'certificateId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'valid' } },
                { kind: 'Field', name: { kind: 'Name', value: 'revoked' } },
                { kind: 'Field', name: { kind: 'Name', value: 'codeCheck' } },
                { kind: 'Field', name: { kind: 'Name', value: 'courseTitle' } },
                { kind: 'Field', name: { kind: 'Name', value: 'issuedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'revokedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'holder' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<VerifyCertificateQuery, VerifyCertificateQueryVariables>;
