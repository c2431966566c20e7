import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { formatClock } from '../format';
import { graphql } from '../gql';
import type { StartAttemptMutation } from '../gql/graphql';
import { ErrorAlert } from './ErrorAlert';

export type StartedAttempt = StartAttemptMutation['startAttempt'];

const SubmitAttemptMutation = graphql(`
  mutation SubmitAttempt($attemptId: ID!, $answers: [AnswerInput!]!) {
    submitAttempt(attemptId: $attemptId, answers: $answers) {
      id
      status
      passed
    }
  }
`);

interface Props {
  title: string;
  attempt: StartedAttempt;
  onGraded: (attemptId: string) => void;
}

/**
 * Taking an attempt. Every question offers checkboxes: the API does not say how many choices are
 * correct (a question may need several), so the form never hints at it (docs/web.md). With a
 * time limit a timer counts down to the deadline and the answers given so far go in just before it.
 */
export function AttemptForm({ title, attempt, onGraded }: Props) {
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [submitting, submit] = useMutation(SubmitAttemptMutation);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const sent = useRef(false);

  const send = async () => {
    if (sent.current) return;
    sent.current = true;
    const answers = attempt.questions.map((question) => ({ questionId: question.id, choiceIds: picked[question.id] ?? [] }));
    const result = await submit({ attemptId: attempt.id, answers });
    setFailure(result.error);
    if (result.error) sent.current = false;
    else onGraded(result.data!.submitAttempt.id);
  };
  const sendRef = useRef(send);
  sendRef.current = send;

  const toggle = (questionId: string, choiceId: string, on: boolean) =>
    setPicked((previous) => {
      const current = previous[questionId] ?? [];
      return { ...previous, [questionId]: on ? [...current, choiceId] : current.filter((id) => id !== choiceId) };
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <section>
      <h1>{title}</h1>
      <p className="meta">Attempt {attempt.number}</p>
      {attempt.deadline && <Countdown deadline={attempt.deadline} onTimeUp={() => void sendRef.current()} />}
      <form onSubmit={onSubmit} className="attempt">
        {attempt.questions.map((question, index) => (
          <fieldset key={question.id}>
            <legend>{question.prompt}</legend>
            <p className="meta">
              Question {index + 1} · {question.points} {question.points === 1 ? 'point' : 'points'} · select every correct answer
            </p>
            {question.choices.map((choice) => {
              const id = `choice-${question.id}-${choice.id}`;
              return (
                <div key={choice.id} className="choice">
                  <input
                    id={id}
                    type="checkbox"
                    checked={(picked[question.id] ?? []).includes(choice.id)}
                    onChange={(event) => toggle(question.id, choice.id, event.target.checked)}
                  />
                  <label htmlFor={id}>{choice.text}</label>
                </div>
              );
            })}
          </fieldset>
        ))}
        <ErrorAlert error={failure} />
        <button type="submit" disabled={submitting.fetching}>
          Submit answers
        </button>
      </form>
    </section>
  );
}

/**
 * The answers go in this long before the deadline, so that they arrive in time: past it the server
 * refuses them by default (`lateSubmissions: REFUSE`). The browser's clock is taken to be close to
 * the server's.
 */
const SUBMIT_BEFORE_DEADLINE_SECONDS = 3;

/** Time left until the deadline; not a live region, so screen readers are not interrupted every second. */
function Countdown({ deadline, onTimeUp }: { deadline: string; onTimeUp: () => void }) {
  const end = Date.parse(deadline);
  const [now, setNow] = useState(() => Date.now());
  const timeUp = useRef(onTimeUp);
  timeUp.current = onTimeUp;
  const left = Math.max(0, (end - now) / 1000);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const dueNow = left <= SUBMIT_BEFORE_DEADLINE_SECONDS;
  useEffect(() => {
    if (dueNow) timeUp.current();
  }, [dueNow]);

  return (
    <p className="timer" role="timer" aria-live="off" aria-label="Time left">
      Time left: {formatClock(left)}
    </p>
  );
}
