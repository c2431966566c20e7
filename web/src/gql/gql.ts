/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@urql/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionTokens\n    }\n  }\n': typeof types.SignInDocument;
  '\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionTokens\n    }\n  }\n': typeof types.SignUpDocument;
  '\n  mutation RefreshSession($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionTokens\n    }\n  }\n': typeof types.RefreshSessionDocument;
  '\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n': typeof types.SignOutDocument;
  '\n  fragment SessionTokens on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n': typeof types.SessionTokensFragmentDoc;
  '\n  mutation SubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {\n    submitAttempt(attemptId: $attemptId, answers: $answers) {\n      id\n      status\n      passed\n    }\n  }\n': typeof types.SubmitAttemptDocument;
  '\n  query TeachingCourses {\n    me {\n      id\n      coursesTaught {\n        id\n        title\n        status\n        lessons {\n          id\n        }\n      }\n    }\n  }\n': typeof types.TeachingCoursesDocument;
  '\n  mutation CreateCourse($input: CreateCourseInput!) {\n    createCourse(input: $input) {\n      id\n      title\n    }\n  }\n': typeof types.CreateCourseDocument;
  '\n  query CourseEditor($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      published\n      certificatePolicy\n      coverImage {\n        ...AssetState\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          ...AssetState\n        }\n      }\n      assessments {\n        id\n        title\n        passingPercentage\n        final\n        required\n        timeLimitMinutes\n        questions {\n          id\n        }\n      }\n    }\n  }\n': typeof types.CourseEditorDocument;
  '\n  query CourseStats($id: ID!) {\n    course(id: $id) {\n      id\n      stats {\n        enrolled\n        active\n        completed\n        cancelled\n        completionRate\n        averageScore\n        lessons {\n          lesson {\n            id\n            title\n          }\n          views\n          averageWatchSeconds\n          completionRate\n        }\n        dropOffLesson {\n          id\n          title\n        }\n      }\n    }\n  }\n': typeof types.CourseStatsDocument;
  '\n  fragment AssetState on MediaAsset {\n    id\n    kind\n    filename\n    status\n    progress\n    failureReason\n  }\n': typeof types.AssetStateFragmentDoc;
  '\n  query AssetStatus($id: ID!) {\n    mediaAsset(id: $id) {\n      ...AssetState\n    }\n  }\n': typeof types.AssetStatusDocument;
  '\n  mutation AddLesson($courseId: ID!, $input: AddLessonInput!) {\n    addLesson(courseId: $courseId, input: $input) {\n      id\n      lessons {\n        id\n      }\n    }\n  }\n': typeof types.AddLessonDocument;
  '\n  mutation PublishCourse($id: ID!) {\n    publishCourse(id: $id) {\n      id\n      status\n      published\n    }\n  }\n': typeof types.PublishCourseDocument;
  '\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      asset {\n        id\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n    }\n  }\n': typeof types.CreateUploadDocument;
  '\n  mutation ConfirmUpload($assetId: ID!) {\n    confirmUpload(assetId: $assetId) {\n      ...AssetState\n    }\n  }\n': typeof types.ConfirmUploadDocument;
  '\n  mutation CreateMultipartUpload($input: CreateUploadInput!) {\n    createMultipartUpload(input: $input) {\n      asset {\n        id\n      }\n      partSize\n      partCount\n      parts {\n        partNumber\n        url\n      }\n    }\n  }\n': typeof types.CreateMultipartUploadDocument;
  '\n  mutation UploadPartUrls($assetId: ID!, $partNumbers: [Int!]!) {\n    uploadPartUrls(assetId: $assetId, partNumbers: $partNumbers) {\n      partNumber\n      url\n    }\n  }\n': typeof types.UploadPartUrlsDocument;
  '\n  mutation CompleteMultipartUpload($assetId: ID!, $parts: [CompletedPartInput!]!) {\n    completeMultipartUpload(assetId: $assetId, parts: $parts) {\n      ...AssetState\n    }\n  }\n': typeof types.CompleteMultipartUploadDocument;
  '\n  mutation AttachLessonMedia($lessonId: ID!, $assetId: ID!) {\n    attachLessonMedia(lessonId: $lessonId, assetId: $assetId) {\n      id\n    }\n  }\n': typeof types.AttachLessonMediaDocument;
  '\n  mutation SetCourseCover($courseId: ID!, $assetId: ID!) {\n    setCourseCover(courseId: $courseId, assetId: $assetId) {\n      id\n    }\n  }\n': typeof types.SetCourseCoverDocument;
  '\n  mutation CreateAssessment($input: CreateAssessmentInput!) {\n    createAssessment(input: $input) {\n      id\n      title\n    }\n  }\n': typeof types.CreateAssessmentDocument;
  '\n  mutation SetCertificatePolicy($courseId: ID!, $policy: CertificatePolicy!) {\n    setCertificatePolicy(courseId: $courseId, policy: $policy) {\n      id\n      certificatePolicy\n    }\n  }\n': typeof types.SetCertificatePolicyDocument;
  '\n  query AssessmentPage($id: ID!) {\n    assessment(id: $id) {\n      id\n      title\n      passingPercentage\n      timeLimitMinutes\n      maxAttempts\n      status\n      questions {\n        id\n      }\n      course {\n        id\n        title\n      }\n      viewerAttempts {\n        id\n        number\n        status\n        passed\n        percentage\n      }\n    }\n  }\n': typeof types.AssessmentPageDocument;
  '\n  mutation StartAttempt($assessmentId: ID!) {\n    startAttempt(assessmentId: $assessmentId) {\n      id\n      number\n      status\n      deadline\n      questions {\n        id\n        prompt\n        points\n        choices {\n          id\n          text\n        }\n      }\n    }\n  }\n': typeof types.StartAttemptDocument;
  '\n  query AttemptResult($id: ID!) {\n    attempt(id: $id) {\n      id\n      number\n      status\n      late\n      score\n      maxScore\n      percentage\n      passed\n      assessment {\n        id\n        title\n        passingPercentage\n        final\n        course {\n          id\n          title\n        }\n      }\n      questions {\n        id\n        prompt\n        choices {\n          id\n          text\n        }\n      }\n      results {\n        questionId\n        correct\n        points\n        pointsAwarded\n        selectedChoiceIds\n        correctChoiceIds\n      }\n    }\n  }\n': typeof types.AttemptResultDocument;
  '\n  query Catalogue($first: Int!, $after: String, $filter: CourseFilter) {\n    courses(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          instructor {\n            id\n            name\n          }\n          lessons {\n            id\n          }\n          coverImage {\n            id\n            thumbnailUrl(size: 480) {\n              url\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.CatalogueDocument;
  '\n  query MyCertificates {\n    me {\n      id\n      certificates {\n        id\n        certificateId\n        percentage\n        issuedAt\n        revokedAt\n        pdfUrl\n        verificationCode\n        verificationUrl\n        course {\n          id\n          title\n        }\n      }\n    }\n  }\n': typeof types.MyCertificatesDocument;
  '\n  query CoursePage($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      instructor {\n        id\n        name\n      }\n      coverImage {\n        id\n        url {\n          url\n        }\n        thumbnailUrl(size: 960) {\n          url\n        }\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n      }\n      assessments {\n        id\n        title\n        status\n        required\n        final\n        timeLimitMinutes\n      }\n      viewerEnrollment {\n        id\n        status\n        progress {\n          completedLessons\n          totalLessons\n          percent\n          lastLesson {\n            id\n          }\n        }\n        lessonProgress {\n          lesson {\n            id\n          }\n          completed\n        }\n      }\n    }\n  }\n': typeof types.CoursePageDocument;
  '\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      status\n    }\n  }\n': typeof types.EnrollDocument;
  '\n  query LessonPage($courseId: ID!) {\n    course(id: $courseId) {\n      id\n      title\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          id\n          kind\n          filename\n          contentType\n          status\n          url {\n            url\n          }\n          thumbnailUrl(size: 1280) {\n            url\n          }\n          playbackUrl {\n            url\n          }\n        }\n      }\n      viewerEnrollment {\n        id\n        status\n        lessonProgress {\n          lesson {\n            id\n          }\n          positionSeconds\n          completed\n        }\n      }\n    }\n  }\n': typeof types.LessonPageDocument;
  '\n  mutation RecordLessonProgress($lessonId: ID!, $input: LessonProgressInput!) {\n    recordLessonProgress(lessonId: $lessonId, input: $input) {\n      id\n      status\n      lessonProgress {\n        lesson {\n          id\n        }\n        positionSeconds\n        completed\n      }\n    }\n  }\n': typeof types.RecordLessonProgressDocument;
  '\n  query MyLearning {\n    me {\n      id\n      enrollments(first: 100) {\n        edges {\n          node {\n            id\n            status\n            course {\n              id\n              title\n            }\n            progress {\n              completedLessons\n              totalLessons\n              percent\n              lastLesson {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.MyLearningDocument;
  '\n  query VerifyCertificate($certificateId: String!, $code: String) {\n    verifyCertificate(certificateId: $certificateId, code: $code) {\n      certificateId\n      valid\n      revoked\n      codeCheck\n      courseTitle\n      issuedAt\n      revokedAt\n      holder {\n        id\n        name\n      }\n    }\n  }\n': typeof types.VerifyCertificateDocument;
};
const documents: Documents = {
  '\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionTokens\n    }\n  }\n':
    types.SignInDocument,
  '\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionTokens\n    }\n  }\n': types.SignUpDocument,
  '\n  mutation RefreshSession($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionTokens\n    }\n  }\n': types.RefreshSessionDocument,
  '\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n': types.SignOutDocument,
  '\n  fragment SessionTokens on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n':
    types.SessionTokensFragmentDoc,
  '\n  mutation SubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {\n    submitAttempt(attemptId: $attemptId, answers: $answers) {\n      id\n      status\n      passed\n    }\n  }\n':
    types.SubmitAttemptDocument,
  '\n  query TeachingCourses {\n    me {\n      id\n      coursesTaught {\n        id\n        title\n        status\n        lessons {\n          id\n        }\n      }\n    }\n  }\n':
    types.TeachingCoursesDocument,
  '\n  mutation CreateCourse($input: CreateCourseInput!) {\n    createCourse(input: $input) {\n      id\n      title\n    }\n  }\n': types.CreateCourseDocument,
  '\n  query CourseEditor($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      published\n      certificatePolicy\n      coverImage {\n        ...AssetState\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          ...AssetState\n        }\n      }\n      assessments {\n        id\n        title\n        passingPercentage\n        final\n        required\n        timeLimitMinutes\n        questions {\n          id\n        }\n      }\n    }\n  }\n':
    types.CourseEditorDocument,
  '\n  query CourseStats($id: ID!) {\n    course(id: $id) {\n      id\n      stats {\n        enrolled\n        active\n        completed\n        cancelled\n        completionRate\n        averageScore\n        lessons {\n          lesson {\n            id\n            title\n          }\n          views\n          averageWatchSeconds\n          completionRate\n        }\n        dropOffLesson {\n          id\n          title\n        }\n      }\n    }\n  }\n':
    types.CourseStatsDocument,
  '\n  fragment AssetState on MediaAsset {\n    id\n    kind\n    filename\n    status\n    progress\n    failureReason\n  }\n': types.AssetStateFragmentDoc,
  '\n  query AssetStatus($id: ID!) {\n    mediaAsset(id: $id) {\n      ...AssetState\n    }\n  }\n': types.AssetStatusDocument,
  '\n  mutation AddLesson($courseId: ID!, $input: AddLessonInput!) {\n    addLesson(courseId: $courseId, input: $input) {\n      id\n      lessons {\n        id\n      }\n    }\n  }\n':
    types.AddLessonDocument,
  '\n  mutation PublishCourse($id: ID!) {\n    publishCourse(id: $id) {\n      id\n      status\n      published\n    }\n  }\n': types.PublishCourseDocument,
  '\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      asset {\n        id\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n    }\n  }\n':
    types.CreateUploadDocument,
  '\n  mutation ConfirmUpload($assetId: ID!) {\n    confirmUpload(assetId: $assetId) {\n      ...AssetState\n    }\n  }\n': types.ConfirmUploadDocument,
  '\n  mutation CreateMultipartUpload($input: CreateUploadInput!) {\n    createMultipartUpload(input: $input) {\n      asset {\n        id\n      }\n      partSize\n      partCount\n      parts {\n        partNumber\n        url\n      }\n    }\n  }\n':
    types.CreateMultipartUploadDocument,
  '\n  mutation UploadPartUrls($assetId: ID!, $partNumbers: [Int!]!) {\n    uploadPartUrls(assetId: $assetId, partNumbers: $partNumbers) {\n      partNumber\n      url\n    }\n  }\n':
    types.UploadPartUrlsDocument,
  '\n  mutation CompleteMultipartUpload($assetId: ID!, $parts: [CompletedPartInput!]!) {\n    completeMultipartUpload(assetId: $assetId, parts: $parts) {\n      ...AssetState\n    }\n  }\n':
    types.CompleteMultipartUploadDocument,
  '\n  mutation AttachLessonMedia($lessonId: ID!, $assetId: ID!) {\n    attachLessonMedia(lessonId: $lessonId, assetId: $assetId) {\n      id\n    }\n  }\n':
    types.AttachLessonMediaDocument,
  '\n  mutation SetCourseCover($courseId: ID!, $assetId: ID!) {\n    setCourseCover(courseId: $courseId, assetId: $assetId) {\n      id\n    }\n  }\n':
    types.SetCourseCoverDocument,
  '\n  mutation CreateAssessment($input: CreateAssessmentInput!) {\n    createAssessment(input: $input) {\n      id\n      title\n    }\n  }\n':
    types.CreateAssessmentDocument,
  '\n  mutation SetCertificatePolicy($courseId: ID!, $policy: CertificatePolicy!) {\n    setCertificatePolicy(courseId: $courseId, policy: $policy) {\n      id\n      certificatePolicy\n    }\n  }\n':
    types.SetCertificatePolicyDocument,
  '\n  query AssessmentPage($id: ID!) {\n    assessment(id: $id) {\n      id\n      title\n      passingPercentage\n      timeLimitMinutes\n      maxAttempts\n      status\n      questions {\n        id\n      }\n      course {\n        id\n        title\n      }\n      viewerAttempts {\n        id\n        number\n        status\n        passed\n        percentage\n      }\n    }\n  }\n':
    types.AssessmentPageDocument,
  '\n  mutation StartAttempt($assessmentId: ID!) {\n    startAttempt(assessmentId: $assessmentId) {\n      id\n      number\n      status\n      deadline\n      questions {\n        id\n        prompt\n        points\n        choices {\n          id\n          text\n        }\n      }\n    }\n  }\n':
    types.StartAttemptDocument,
  '\n  query AttemptResult($id: ID!) {\n    attempt(id: $id) {\n      id\n      number\n      status\n      late\n      score\n      maxScore\n      percentage\n      passed\n      assessment {\n        id\n        title\n        passingPercentage\n        final\n        course {\n          id\n          title\n        }\n      }\n      questions {\n        id\n        prompt\n        choices {\n          id\n          text\n        }\n      }\n      results {\n        questionId\n        correct\n        points\n        pointsAwarded\n        selectedChoiceIds\n        correctChoiceIds\n      }\n    }\n  }\n':
    types.AttemptResultDocument,
  '\n  query Catalogue($first: Int!, $after: String, $filter: CourseFilter) {\n    courses(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          instructor {\n            id\n            name\n          }\n          lessons {\n            id\n          }\n          coverImage {\n            id\n            thumbnailUrl(size: 480) {\n              url\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.CatalogueDocument,
  '\n  query MyCertificates {\n    me {\n      id\n      certificates {\n        id\n        certificateId\n        percentage\n        issuedAt\n        revokedAt\n        pdfUrl\n        verificationCode\n        verificationUrl\n        course {\n          id\n          title\n        }\n      }\n    }\n  }\n':
    types.MyCertificatesDocument,
  '\n  query CoursePage($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      instructor {\n        id\n        name\n      }\n      coverImage {\n        id\n        url {\n          url\n        }\n        thumbnailUrl(size: 960) {\n          url\n        }\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n      }\n      assessments {\n        id\n        title\n        status\n        required\n        final\n        timeLimitMinutes\n      }\n      viewerEnrollment {\n        id\n        status\n        progress {\n          completedLessons\n          totalLessons\n          percent\n          lastLesson {\n            id\n          }\n        }\n        lessonProgress {\n          lesson {\n            id\n          }\n          completed\n        }\n      }\n    }\n  }\n':
    types.CoursePageDocument,
  '\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      status\n    }\n  }\n': types.EnrollDocument,
  '\n  query LessonPage($courseId: ID!) {\n    course(id: $courseId) {\n      id\n      title\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          id\n          kind\n          filename\n          contentType\n          status\n          url {\n            url\n          }\n          thumbnailUrl(size: 1280) {\n            url\n          }\n          playbackUrl {\n            url\n          }\n        }\n      }\n      viewerEnrollment {\n        id\n        status\n        lessonProgress {\n          lesson {\n            id\n          }\n          positionSeconds\n          completed\n        }\n      }\n    }\n  }\n':
    types.LessonPageDocument,
  '\n  mutation RecordLessonProgress($lessonId: ID!, $input: LessonProgressInput!) {\n    recordLessonProgress(lessonId: $lessonId, input: $input) {\n      id\n      status\n      lessonProgress {\n        lesson {\n          id\n        }\n        positionSeconds\n        completed\n      }\n    }\n  }\n':
    types.RecordLessonProgressDocument,
  '\n  query MyLearning {\n    me {\n      id\n      enrollments(first: 100) {\n        edges {\n          node {\n            id\n            status\n            course {\n              id\n              title\n            }\n            progress {\n              completedLessons\n              totalLessons\n              percent\n              lastLesson {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.MyLearningDocument,
  '\n  query VerifyCertificate($certificateId: String!, $code: String) {\n    verifyCertificate(certificateId: $certificateId, code: $code) {\n      certificateId\n      valid\n      revoked\n      codeCheck\n      courseTitle\n      issuedAt\n      revokedAt\n      holder {\n        id\n        name\n      }\n    }\n  }\n':
    types.VerifyCertificateDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionTokens\n    }\n  }\n',
): (typeof documents)['\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionTokens\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionTokens\n    }\n  }\n',
): (typeof documents)['\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionTokens\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RefreshSession($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionTokens\n    }\n  }\n',
): (typeof documents)['\n  mutation RefreshSession($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionTokens\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n',
): (typeof documents)['\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment SessionTokens on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n',
): (typeof documents)['\n  fragment SessionTokens on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      name\n      email\n      role\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {\n    submitAttempt(attemptId: $attemptId, answers: $answers) {\n      id\n      status\n      passed\n    }\n  }\n',
): (typeof documents)['\n  mutation SubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {\n    submitAttempt(attemptId: $attemptId, answers: $answers) {\n      id\n      status\n      passed\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TeachingCourses {\n    me {\n      id\n      coursesTaught {\n        id\n        title\n        status\n        lessons {\n          id\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query TeachingCourses {\n    me {\n      id\n      coursesTaught {\n        id\n        title\n        status\n        lessons {\n          id\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateCourse($input: CreateCourseInput!) {\n    createCourse(input: $input) {\n      id\n      title\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateCourse($input: CreateCourseInput!) {\n    createCourse(input: $input) {\n      id\n      title\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CourseEditor($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      published\n      certificatePolicy\n      coverImage {\n        ...AssetState\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          ...AssetState\n        }\n      }\n      assessments {\n        id\n        title\n        passingPercentage\n        final\n        required\n        timeLimitMinutes\n        questions {\n          id\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CourseEditor($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      published\n      certificatePolicy\n      coverImage {\n        ...AssetState\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          ...AssetState\n        }\n      }\n      assessments {\n        id\n        title\n        passingPercentage\n        final\n        required\n        timeLimitMinutes\n        questions {\n          id\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CourseStats($id: ID!) {\n    course(id: $id) {\n      id\n      stats {\n        enrolled\n        active\n        completed\n        cancelled\n        completionRate\n        averageScore\n        lessons {\n          lesson {\n            id\n            title\n          }\n          views\n          averageWatchSeconds\n          completionRate\n        }\n        dropOffLesson {\n          id\n          title\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CourseStats($id: ID!) {\n    course(id: $id) {\n      id\n      stats {\n        enrolled\n        active\n        completed\n        cancelled\n        completionRate\n        averageScore\n        lessons {\n          lesson {\n            id\n            title\n          }\n          views\n          averageWatchSeconds\n          completionRate\n        }\n        dropOffLesson {\n          id\n          title\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AssetState on MediaAsset {\n    id\n    kind\n    filename\n    status\n    progress\n    failureReason\n  }\n',
): (typeof documents)['\n  fragment AssetState on MediaAsset {\n    id\n    kind\n    filename\n    status\n    progress\n    failureReason\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AssetStatus($id: ID!) {\n    mediaAsset(id: $id) {\n      ...AssetState\n    }\n  }\n',
): (typeof documents)['\n  query AssetStatus($id: ID!) {\n    mediaAsset(id: $id) {\n      ...AssetState\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AddLesson($courseId: ID!, $input: AddLessonInput!) {\n    addLesson(courseId: $courseId, input: $input) {\n      id\n      lessons {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation AddLesson($courseId: ID!, $input: AddLessonInput!) {\n    addLesson(courseId: $courseId, input: $input) {\n      id\n      lessons {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PublishCourse($id: ID!) {\n    publishCourse(id: $id) {\n      id\n      status\n      published\n    }\n  }\n',
): (typeof documents)['\n  mutation PublishCourse($id: ID!) {\n    publishCourse(id: $id) {\n      id\n      status\n      published\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      asset {\n        id\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      asset {\n        id\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConfirmUpload($assetId: ID!) {\n    confirmUpload(assetId: $assetId) {\n      ...AssetState\n    }\n  }\n',
): (typeof documents)['\n  mutation ConfirmUpload($assetId: ID!) {\n    confirmUpload(assetId: $assetId) {\n      ...AssetState\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateMultipartUpload($input: CreateUploadInput!) {\n    createMultipartUpload(input: $input) {\n      asset {\n        id\n      }\n      partSize\n      partCount\n      parts {\n        partNumber\n        url\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateMultipartUpload($input: CreateUploadInput!) {\n    createMultipartUpload(input: $input) {\n      asset {\n        id\n      }\n      partSize\n      partCount\n      parts {\n        partNumber\n        url\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UploadPartUrls($assetId: ID!, $partNumbers: [Int!]!) {\n    uploadPartUrls(assetId: $assetId, partNumbers: $partNumbers) {\n      partNumber\n      url\n    }\n  }\n',
): (typeof documents)['\n  mutation UploadPartUrls($assetId: ID!, $partNumbers: [Int!]!) {\n    uploadPartUrls(assetId: $assetId, partNumbers: $partNumbers) {\n      partNumber\n      url\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CompleteMultipartUpload($assetId: ID!, $parts: [CompletedPartInput!]!) {\n    completeMultipartUpload(assetId: $assetId, parts: $parts) {\n      ...AssetState\n    }\n  }\n',
): (typeof documents)['\n  mutation CompleteMultipartUpload($assetId: ID!, $parts: [CompletedPartInput!]!) {\n    completeMultipartUpload(assetId: $assetId, parts: $parts) {\n      ...AssetState\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AttachLessonMedia($lessonId: ID!, $assetId: ID!) {\n    attachLessonMedia(lessonId: $lessonId, assetId: $assetId) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation AttachLessonMedia($lessonId: ID!, $assetId: ID!) {\n    attachLessonMedia(lessonId: $lessonId, assetId: $assetId) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetCourseCover($courseId: ID!, $assetId: ID!) {\n    setCourseCover(courseId: $courseId, assetId: $assetId) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation SetCourseCover($courseId: ID!, $assetId: ID!) {\n    setCourseCover(courseId: $courseId, assetId: $assetId) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateAssessment($input: CreateAssessmentInput!) {\n    createAssessment(input: $input) {\n      id\n      title\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateAssessment($input: CreateAssessmentInput!) {\n    createAssessment(input: $input) {\n      id\n      title\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetCertificatePolicy($courseId: ID!, $policy: CertificatePolicy!) {\n    setCertificatePolicy(courseId: $courseId, policy: $policy) {\n      id\n      certificatePolicy\n    }\n  }\n',
): (typeof documents)['\n  mutation SetCertificatePolicy($courseId: ID!, $policy: CertificatePolicy!) {\n    setCertificatePolicy(courseId: $courseId, policy: $policy) {\n      id\n      certificatePolicy\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AssessmentPage($id: ID!) {\n    assessment(id: $id) {\n      id\n      title\n      passingPercentage\n      timeLimitMinutes\n      maxAttempts\n      status\n      questions {\n        id\n      }\n      course {\n        id\n        title\n      }\n      viewerAttempts {\n        id\n        number\n        status\n        passed\n        percentage\n      }\n    }\n  }\n',
): (typeof documents)['\n  query AssessmentPage($id: ID!) {\n    assessment(id: $id) {\n      id\n      title\n      passingPercentage\n      timeLimitMinutes\n      maxAttempts\n      status\n      questions {\n        id\n      }\n      course {\n        id\n        title\n      }\n      viewerAttempts {\n        id\n        number\n        status\n        passed\n        percentage\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation StartAttempt($assessmentId: ID!) {\n    startAttempt(assessmentId: $assessmentId) {\n      id\n      number\n      status\n      deadline\n      questions {\n        id\n        prompt\n        points\n        choices {\n          id\n          text\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation StartAttempt($assessmentId: ID!) {\n    startAttempt(assessmentId: $assessmentId) {\n      id\n      number\n      status\n      deadline\n      questions {\n        id\n        prompt\n        points\n        choices {\n          id\n          text\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AttemptResult($id: ID!) {\n    attempt(id: $id) {\n      id\n      number\n      status\n      late\n      score\n      maxScore\n      percentage\n      passed\n      assessment {\n        id\n        title\n        passingPercentage\n        final\n        course {\n          id\n          title\n        }\n      }\n      questions {\n        id\n        prompt\n        choices {\n          id\n          text\n        }\n      }\n      results {\n        questionId\n        correct\n        points\n        pointsAwarded\n        selectedChoiceIds\n        correctChoiceIds\n      }\n    }\n  }\n',
): (typeof documents)['\n  query AttemptResult($id: ID!) {\n    attempt(id: $id) {\n      id\n      number\n      status\n      late\n      score\n      maxScore\n      percentage\n      passed\n      assessment {\n        id\n        title\n        passingPercentage\n        final\n        course {\n          id\n          title\n        }\n      }\n      questions {\n        id\n        prompt\n        choices {\n          id\n          text\n        }\n      }\n      results {\n        questionId\n        correct\n        points\n        pointsAwarded\n        selectedChoiceIds\n        correctChoiceIds\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Catalogue($first: Int!, $after: String, $filter: CourseFilter) {\n    courses(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          instructor {\n            id\n            name\n          }\n          lessons {\n            id\n          }\n          coverImage {\n            id\n            thumbnailUrl(size: 480) {\n              url\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Catalogue($first: Int!, $after: String, $filter: CourseFilter) {\n    courses(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          description\n          instructor {\n            id\n            name\n          }\n          lessons {\n            id\n          }\n          coverImage {\n            id\n            thumbnailUrl(size: 480) {\n              url\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyCertificates {\n    me {\n      id\n      certificates {\n        id\n        certificateId\n        percentage\n        issuedAt\n        revokedAt\n        pdfUrl\n        verificationCode\n        verificationUrl\n        course {\n          id\n          title\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MyCertificates {\n    me {\n      id\n      certificates {\n        id\n        certificateId\n        percentage\n        issuedAt\n        revokedAt\n        pdfUrl\n        verificationCode\n        verificationUrl\n        course {\n          id\n          title\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CoursePage($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      instructor {\n        id\n        name\n      }\n      coverImage {\n        id\n        url {\n          url\n        }\n        thumbnailUrl(size: 960) {\n          url\n        }\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n      }\n      assessments {\n        id\n        title\n        status\n        required\n        final\n        timeLimitMinutes\n      }\n      viewerEnrollment {\n        id\n        status\n        progress {\n          completedLessons\n          totalLessons\n          percent\n          lastLesson {\n            id\n          }\n        }\n        lessonProgress {\n          lesson {\n            id\n          }\n          completed\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CoursePage($id: ID!) {\n    course(id: $id) {\n      id\n      title\n      description\n      status\n      instructor {\n        id\n        name\n      }\n      coverImage {\n        id\n        url {\n          url\n        }\n        thumbnailUrl(size: 960) {\n          url\n        }\n      }\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n      }\n      assessments {\n        id\n        title\n        status\n        required\n        final\n        timeLimitMinutes\n      }\n      viewerEnrollment {\n        id\n        status\n        progress {\n          completedLessons\n          totalLessons\n          percent\n          lastLesson {\n            id\n          }\n        }\n        lessonProgress {\n          lesson {\n            id\n          }\n          completed\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query LessonPage($courseId: ID!) {\n    course(id: $courseId) {\n      id\n      title\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          id\n          kind\n          filename\n          contentType\n          status\n          url {\n            url\n          }\n          thumbnailUrl(size: 1280) {\n            url\n          }\n          playbackUrl {\n            url\n          }\n        }\n      }\n      viewerEnrollment {\n        id\n        status\n        lessonProgress {\n          lesson {\n            id\n          }\n          positionSeconds\n          completed\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query LessonPage($courseId: ID!) {\n    course(id: $courseId) {\n      id\n      title\n      lessons {\n        id\n        title\n        position\n        durationMinutes\n        media {\n          id\n          kind\n          filename\n          contentType\n          status\n          url {\n            url\n          }\n          thumbnailUrl(size: 1280) {\n            url\n          }\n          playbackUrl {\n            url\n          }\n        }\n      }\n      viewerEnrollment {\n        id\n        status\n        lessonProgress {\n          lesson {\n            id\n          }\n          positionSeconds\n          completed\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RecordLessonProgress($lessonId: ID!, $input: LessonProgressInput!) {\n    recordLessonProgress(lessonId: $lessonId, input: $input) {\n      id\n      status\n      lessonProgress {\n        lesson {\n          id\n        }\n        positionSeconds\n        completed\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RecordLessonProgress($lessonId: ID!, $input: LessonProgressInput!) {\n    recordLessonProgress(lessonId: $lessonId, input: $input) {\n      id\n      status\n      lessonProgress {\n        lesson {\n          id\n        }\n        positionSeconds\n        completed\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyLearning {\n    me {\n      id\n      enrollments(first: 100) {\n        edges {\n          node {\n            id\n            status\n            course {\n              id\n              title\n            }\n            progress {\n              completedLessons\n              totalLessons\n              percent\n              lastLesson {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MyLearning {\n    me {\n      id\n      enrollments(first: 100) {\n        edges {\n          node {\n            id\n            status\n            course {\n              id\n              title\n            }\n            progress {\n              completedLessons\n              totalLessons\n              percent\n              lastLesson {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query VerifyCertificate($certificateId: String!, $code: String) {\n    verifyCertificate(certificateId: $certificateId, code: $code) {\n      certificateId\n      valid\n      revoked\n      codeCheck\n      courseTitle\n      issuedAt\n      revokedAt\n      holder {\n        id\n        name\n      }\n    }\n  }\n',
): (typeof documents)['\n  query VerifyCertificate($certificateId: String!, $code: String) {\n    verifyCertificate(certificateId: $certificateId, code: $code) {\n      certificateId\n      valid\n      revoked\n      codeCheck\n      courseTitle\n      issuedAt\n      revokedAt\n      holder {\n        id\n        name\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
