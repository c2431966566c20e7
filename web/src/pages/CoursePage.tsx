import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { graphql } from '../gql';
import { useSession } from '../session';

const CourseQuery = graphql(`
  query CoursePage($id: ID!) {
    course(id: $id) {
      id
      title
      description
      status
      instructor {
        id
        name
      }
      coverImage {
        id
        url {
          url
        }
        thumbnailUrl(size: 960) {
          url
        }
      }
      lessons {
        id
        title
        position
        durationMinutes
      }
      assessments {
        id
        title
        status
        required
        final
        timeLimitMinutes
      }
      viewerEnrollment {
        id
        status
        progress {
          completedLessons
          totalLessons
          percent
          lastLesson {
            id
          }
        }
        lessonProgress {
          lesson {
            id
          }
          completed
        }
      }
    }
  }
`);

const EnrollMutation = graphql(`
  mutation Enroll($courseId: ID!) {
    enroll(courseId: $courseId) {
      id
      status
    }
  }
`);

/** A course: cover, instructor, lessons (with the learner's ticks), assessments, and enrolling. */
export function CoursePage() {
  const { courseId = '' } = useParams();
  const { viewer } = useSession();
  const navigate = useNavigate();
  const [{ data, fetching, error }, reload] = useQuery({ query: CourseQuery, variables: { id: courseId } });
  const [enrolling, enroll] = useMutation(EnrollMutation);
  const [enrollError, setEnrollError] = useState<typeof enrolling.error>(undefined);

  if (error) return <ErrorAlert error={error} />;
  if (fetching && !data) return <p role="status">Loading the course…</p>;
  const course = data?.course;
  if (!course) return <p>There is no such course, or it is not published.</p>;

  const enrollment = course.viewerEnrollment?.status === 'CANCELLED' ? null : course.viewerEnrollment;
  const completed = new Set(enrollment?.lessonProgress.filter((entry) => entry.completed).map((entry) => entry.lesson.id));
  const resumeAt = enrollment?.progress.lastLesson?.id ?? course.lessons.find((lesson) => !completed.has(lesson.id))?.id ?? course.lessons[0]?.id;
  const cover = course.coverImage?.thumbnailUrl ?? course.coverImage?.url;
  const manages = viewer !== null && (viewer.role === 'ADMIN' || viewer.id === course.instructor.id);

  const onEnroll = async () => {
    if (!viewer) {
      await navigate('/login', { state: { from: `/courses/${course.id}` } });
      return;
    }
    const result = await enroll({ courseId: course.id });
    setEnrollError(result.error);
    if (!result.error) reload({ requestPolicy: 'network-only' });
  };

  return (
    <article className="course">
      <h1>{course.title}</h1>
      {cover && <img className="cover" src={cover.url} alt={`Cover of ${course.title}`} />}
      <p className="meta">
        Taught by <span className="instructor">{course.instructor.name}</span>
        {manages && (
          <>
            {' · '}
            <Link to={`/teach/courses/${course.id}`}>Edit course</Link>
          </>
        )}
      </p>
      {course.description && <p>{course.description}</p>}

      <div className="enrollment">
        <ErrorAlert error={enrollError} />
        {enrollment ? (
          <>
            <p>
              <strong>Enrolled</strong>
              {' · '}
              {enrollment.progress.completedLessons} of {enrollment.progress.totalLessons} lessons done
              {enrollment.status === 'COMPLETED' && ' · course completed'}
            </p>
            {resumeAt && (
              <button type="button" onClick={() => void navigate(`/courses/${course.id}/lessons/${resumeAt}`)}>
                Continue
              </button>
            )}
          </>
        ) : (
          course.status === 'PUBLISHED' && (
            <button type="button" disabled={enrolling.fetching} onClick={() => void onEnroll()}>
              Enroll
            </button>
          )
        )}
      </div>

      <h2>Lessons</h2>
      <ol className="lessons">
        {course.lessons.map((lesson) => (
          <li key={lesson.id}>
            <Link to={`/courses/${course.id}/lessons/${lesson.id}`}>{lesson.title}</Link>{' '}
            <span className="meta">
              {lesson.durationMinutes} min{completed.has(lesson.id) && ' · done'}
            </span>
          </li>
        ))}
      </ol>

      {course.assessments && course.assessments.some((assessment) => assessment.status === 'ACTIVE') && (
        <>
          <h2>Assessments</h2>
          <ul>
            {course.assessments
              .filter((assessment) => assessment.status === 'ACTIVE')
              .map((assessment) => (
                <li key={assessment.id}>
                  <Link to={`/assessments/${assessment.id}`}>{assessment.title}</Link>{' '}
                  <span className="meta">
                    {[assessment.final && 'final', assessment.required && 'required', assessment.timeLimitMinutes ? `${assessment.timeLimitMinutes} min` : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
          </ul>
        </>
      )}
    </article>
  );
}
