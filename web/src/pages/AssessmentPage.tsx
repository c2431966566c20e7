import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { AttemptForm, type StartedAttempt } from '../components/AttemptForm';
import { ErrorAlert } from '../components/ErrorAlert';
import { RequireSignIn } from '../components/RequireSignIn';
import { formatPercent } from '../format';
import { graphql } from '../gql';
import { whileSettling } from '../learning/retry';

const AssessmentQuery = graphql(`
  query AssessmentPage($id: ID!) {
    assessment(id: $id) {
      id
      title
      passingPercentage
      timeLimitMinutes
      maxAttempts
      status
      questions {
        id
      }
      course {
        id
        title
      }
      viewerAttempts {
        id
        number
        status
        passed
        percentage
      }
    }
  }
`);

const StartAttemptMutation = graphql(`
  mutation StartAttempt($assessmentId: ID!) {
    startAttempt(assessmentId: $assessmentId) {
      id
      number
      status
      deadline
      questions {
        id
        prompt
        points
        choices {
          id
          text
        }
      }
    }
  }
`);

/** An assessment: what it asks, the learner's earlier attempts, and taking it. */
export function AssessmentPage() {
  return (
    <RequireSignIn what="this assessment">
      <Assessment />
    </RequireSignIn>
  );
}

function Assessment() {
  const { assessmentId = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: AssessmentQuery, variables: { id: assessmentId } });
  const [starting, start] = useMutation(StartAttemptMutation);
  const [startError, setStartError] = useState<CombinedError | undefined>(undefined);
  const [attempt, setAttempt] = useState<StartedAttempt | null>(null);

  if (error) return <ErrorAlert error={error} />;
  if (fetching && !data) return <p role="status">Loading the assessment…</p>;
  const assessment = data?.assessment;
  if (!assessment) return <p>There is no such assessment.</p>;

  if (attempt) return <AttemptForm title={assessment.title} attempt={attempt} onGraded={(id) => void navigate(`/attempts/${id}`)} />;

  const onStart = async () => {
    const result = await whileSettling(() => start({ assessmentId: assessment.id }));
    setStartError(result.error);
    if (result.data) setAttempt(result.data.startAttempt);
  };
  const used = assessment.viewerAttempts.filter((entry) => entry.status !== 'IN_PROGRESS').length;
  const open = assessment.status === 'ACTIVE' && (assessment.maxAttempts == null || used < assessment.maxAttempts);

  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/courses/${assessment.course.id}`}>{assessment.course.title}</Link>
      </p>
      <h1>{assessment.title}</h1>
      <ul className="facts">
        <li>{assessment.questions.length} questions</li>
        <li>Pass mark: {formatPercent(assessment.passingPercentage)}</li>
        <li>{assessment.timeLimitMinutes ? `Time limit: ${assessment.timeLimitMinutes} minutes` : 'No time limit'}</li>
        {assessment.maxAttempts != null && (
          <li>
            Attempts: {used} of {assessment.maxAttempts} used
          </li>
        )}
      </ul>
      <ErrorAlert error={startError} />
      {open ? (
        <button type="button" disabled={starting.fetching} onClick={() => void onStart()}>
          Start assessment
        </button>
      ) : (
        <p>This assessment takes no more attempts from you.</p>
      )}
      {assessment.viewerAttempts.length > 0 && (
        <>
          <h2>Your attempts</h2>
          <ol>
            {assessment.viewerAttempts.map((entry) => (
              <li key={entry.id}>
                {entry.status === 'GRADED' ? (
                  <Link to={`/attempts/${entry.id}`}>
                    Attempt {entry.number}: {entry.passed ? 'passed' : 'not passed'}
                    {entry.percentage != null && ` (${formatPercent(entry.percentage)})`}
                  </Link>
                ) : (
                  `Attempt ${entry.number}: ${entry.status === 'IN_PROGRESS' ? 'in progress' : 'expired'}`
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
