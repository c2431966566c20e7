import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { RequireSignIn } from '../components/RequireSignIn';
import { graphql } from '../gql';

const MyLearningQuery = graphql(`
  query MyLearning {
    me {
      id
      enrollments(first: 100) {
        edges {
          node {
            id
            status
            course {
              id
              title
            }
            progress {
              completedLessons
              totalLessons
              percent
              lastLesson {
                id
                title
              }
            }
          }
        }
      }
    }
  }
`);

export function MyLearningPage() {
  return (
    <section>
      <h1>My learning</h1>
      <RequireSignIn what="your courses">
        <EnrollmentList />
      </RequireSignIn>
    </section>
  );
}

function EnrollmentList() {
  const [{ data, fetching, error }] = useQuery({ query: MyLearningQuery });
  if (error) return <ErrorAlert error={error} />;
  if (fetching || !data) return <p role="status">Loading your courses…</p>;
  const enrollments = (data.me?.enrollments?.edges ?? []).map((edge) => edge.node).filter((node) => node.status !== 'CANCELLED');
  if (enrollments.length === 0)
    return (
      <p>
        You are not enrolled in any course yet. <Link to="/">Browse the catalogue</Link>.
      </p>
    );
  return (
    <ul className="enrollments">
      {enrollments.map((enrollment) => (
        <li key={enrollment.id} className="card">
          <h2>
            <Link to={`/courses/${enrollment.course.id}`}>{enrollment.course.title}</Link>
          </h2>
          <progress max={100} value={enrollment.progress.percent} aria-label={`Progress in ${enrollment.course.title}`} />
          <p className="meta">
            {enrollment.progress.completedLessons} of {enrollment.progress.totalLessons} lessons
            {enrollment.status === 'COMPLETED' && ' · completed'}
            {enrollment.progress.lastLesson && enrollment.status !== 'COMPLETED' && (
              <>
                {' · '}
                <Link to={`/courses/${enrollment.course.id}/lessons/${enrollment.progress.lastLesson.id}`}>
                  Resume “{enrollment.progress.lastLesson.title}”
                </Link>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
