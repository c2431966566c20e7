import { graphql } from '../gql';

/** The instructor area's operations; the client preset types them (npm run web:codegen). */

export const TeachingCoursesQuery = graphql(`
  query TeachingCourses {
    me {
      id
      coursesTaught {
        id
        title
        status
        lessons {
          id
        }
      }
    }
  }
`);

export const CreateCourseMutation = graphql(`
  mutation CreateCourse($input: CreateCourseInput!) {
    createCourse(input: $input) {
      id
      title
    }
  }
`);

export const CourseEditorQuery = graphql(`
  query CourseEditor($id: ID!) {
    course(id: $id) {
      id
      title
      description
      status
      published
      certificatePolicy
      coverImage {
        ...AssetState
      }
      lessons {
        id
        title
        position
        durationMinutes
        media {
          ...AssetState
        }
      }
      assessments {
        id
        title
        passingPercentage
        final
        required
        timeLimitMinutes
        questions {
          id
        }
      }
    }
  }
`);

export const CourseStatsQuery = graphql(`
  query CourseStats($id: ID!) {
    course(id: $id) {
      id
      stats {
        enrolled
        active
        completed
        cancelled
        completionRate
        averageScore
        lessons {
          lesson {
            id
            title
          }
          views
          averageWatchSeconds
          completionRate
        }
        dropOffLesson {
          id
          title
        }
      }
    }
  }
`);

export const AssetStateFragment = graphql(`
  fragment AssetState on MediaAsset {
    id
    kind
    filename
    status
    progress
    failureReason
  }
`);

export const AssetStatusQuery = graphql(`
  query AssetStatus($id: ID!) {
    mediaAsset(id: $id) {
      ...AssetState
    }
  }
`);

export const AddLessonMutation = graphql(`
  mutation AddLesson($courseId: ID!, $input: AddLessonInput!) {
    addLesson(courseId: $courseId, input: $input) {
      id
      lessons {
        id
      }
    }
  }
`);

export const PublishCourseMutation = graphql(`
  mutation PublishCourse($id: ID!) {
    publishCourse(id: $id) {
      id
      status
      published
    }
  }
`);

export const CreateUploadMutation = graphql(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      asset {
        id
      }
      uploadUrl
      method
      headers {
        name
        value
      }
    }
  }
`);

export const ConfirmUploadMutation = graphql(`
  mutation ConfirmUpload($assetId: ID!) {
    confirmUpload(assetId: $assetId) {
      ...AssetState
    }
  }
`);

export const CreateMultipartUploadMutation = graphql(`
  mutation CreateMultipartUpload($input: CreateUploadInput!) {
    createMultipartUpload(input: $input) {
      asset {
        id
      }
      partSize
      partCount
      parts {
        partNumber
        url
      }
    }
  }
`);

export const UploadPartUrlsMutation = graphql(`
  mutation UploadPartUrls($assetId: ID!, $partNumbers: [Int!]!) {
    uploadPartUrls(assetId: $assetId, partNumbers: $partNumbers) {
      partNumber
      url
    }
  }
`);

export const CompleteMultipartUploadMutation = graphql(`
  mutation CompleteMultipartUpload($assetId: ID!, $parts: [CompletedPartInput!]!) {
    completeMultipartUpload(assetId: $assetId, parts: $parts) {
      ...AssetState
    }
  }
`);

export const AttachLessonMediaMutation = graphql(`
  mutation AttachLessonMedia($lessonId: ID!, $assetId: ID!) {
    attachLessonMedia(lessonId: $lessonId, assetId: $assetId) {
      id
    }
  }
`);

export const SetCourseCoverMutation = graphql(`
  mutation SetCourseCover($courseId: ID!, $assetId: ID!) {
    setCourseCover(courseId: $courseId, assetId: $assetId) {
      id
    }
  }
`);

export const CreateAssessmentMutation = graphql(`
  mutation CreateAssessment($input: CreateAssessmentInput!) {
    createAssessment(input: $input) {
      id
      title
    }
  }
`);

export const SetCertificatePolicyMutation = graphql(`
  mutation SetCertificatePolicy($courseId: ID!, $policy: CertificatePolicy!) {
    setCertificatePolicy(courseId: $courseId, policy: $policy) {
      id
      certificatePolicy
    }
  }
`);
