import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { RequireSignIn } from '../components/RequireSignIn';
import { formatPercent } from '../format';
import { graphql } from '../gql';

const AttemptQuery = graphql(`
  query AttemptResult($id: ID!) {
    attempt(id: $id) {
      id
      number
      status
      late
      score
      maxScore
      percentage
      passed
      assessment {
        id
        title
        passingPercentage
        final
        course {
          id
          title
        }
      }
      questions {
        id
        prompt
        choices {
          id
          text
        }
      }
      results {
        questionId
        correct
        points
        pointsAwarded
        selectedChoiceIds
        correctChoiceIds
      }
    }
  }
`);

/** The result of a graded attempt: passed or not, the score, and question by question. */
export function AttemptResultPage() {
  return (
    <RequireSignIn what="this result">
      <AttemptResult />
    </RequireSignIn>
  );
}

function AttemptResult() {
  const { attemptId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: AttemptQuery, variables: { id: attemptId } });
  if (error) return <ErrorAlert error={error} />;
  if (fetching && !data) return <p role="status">Loading the result…</p>;
  const attempt = data?.attempt;
  if (!attempt) return <p>There is no such attempt.</p>;
  const { assessment } = attempt;
  if (attempt.status !== 'GRADED')
    return (
      <section>
        <h1>{assessment.title}</h1>
        <p>{attempt.status === 'EXPIRED' ? 'This attempt ran out of time and was not graded.' : 'This attempt is still in progress.'}</p>
        <Link to={`/assessments/${assessment.id}`}>Back to the assessment</Link>
      </section>
    );
  const resultOf = new Map(attempt.results.map((result) => [result.questionId, result]));

  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/courses/${assessment.course.id}`}>{assessment.course.title}</Link>
      </p>
      <h1>{assessment.title}: result</h1>
      <p className={`verdict ${attempt.passed ? 'valid' : 'invalid'}`}>{attempt.passed ? 'Passed' : 'Not passed'}</p>
      <p className="score">
        Score: {attempt.score ?? 0} / {attempt.maxScore} ({formatPercent(attempt.percentage ?? 0)}; pass mark {formatPercent(assessment.passingPercentage)})
        {attempt.late && ' · submitted late'}
      </p>
      {attempt.passed && assessment.final && (
        <p>
          Your certificate will appear under <Link to="/certificates">your certificates</Link> in a moment.
        </p>
      )}
      <ol className="results">
        {attempt.questions.map((question) => {
          const result = resultOf.get(question.id);
          const choiceText = (ids: readonly string[] | null | undefined) =>
            (ids ?? []).map((id) => question.choices.find((choice) => choice.id === id)?.text ?? id).join(', ') || 'nothing';
          return (
            <li key={question.id}>
              <p>
                <strong>{question.prompt}</strong> — {result?.correct ? 'correct' : 'incorrect'} ({result?.pointsAwarded ?? 0} / {result?.points ?? 0})
              </p>
              <p className="meta">
                You chose: {choiceText(result?.selectedChoiceIds)}
                {result?.correctChoiceIds && ` · correct: ${choiceText(result.correctChoiceIds)}`}
              </p>
            </li>
          );
        })}
      </ol>
      <p className="actions">
        <Link to={`/assessments/${assessment.id}`}>Back to the assessment</Link>
        <Link to={`/courses/${assessment.course.id}`}>Back to the course</Link>
      </p>
    </section>
  );
}
