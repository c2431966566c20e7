import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { CreateAssessmentMutation } from './operations';

interface DraftQuestion {
  prompt: string;
  choices: string[];
  correct: number;
}

const CHOICES_PER_QUESTION = 3;
const emptyQuestion = (): DraftQuestion => ({ prompt: '', choices: Array.from({ length: CHOICES_PER_QUESTION }, () => ''), correct: 0 });

/**
 * The course's final assessment: single-answer questions, a passing score and an optional time
 * limit. It is created final and required, so passing it earns the certificate (FINAL_ASSESSMENT
 * policy) and completing the course needs it (COURSE_COMPLETION policy).
 */
export function AssessmentForm({ courseId, onCreated }: { courseId: string; onCreated: () => void }) {
  const [title, setTitle] = useState('Final assessment');
  const [passing, setPassing] = useState('70');
  const [minutes, setMinutes] = useState('');
  const [questions, setQuestions] = useState<DraftQuestion[]>([emptyQuestion()]);
  const [created, create] = useMutation(CreateAssessmentMutation);

  const change = (index: number, update: Partial<DraftQuestion>) =>
    setQuestions((all) => all.map((question, i) => (i === index ? { ...question, ...update } : question)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      input: {
        courseId,
        title,
        passingPercentage: Number(passing),
        ...(minutes ? { timeLimitMinutes: Number(minutes) } : {}),
        final: true,
        required: true,
        questions: questions.map((question) => ({
          prompt: question.prompt,
          choices: question.choices.filter((text) => text.trim() !== '').map((text, index) => ({ text, correct: index === question.correct })),
        })),
      },
    });
    if (!result.error) {
      setQuestions([emptyQuestion()]);
      onCreated();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="assessment-form">
      <label>
        Assessment title
        <input value={title} onChange={(event) => setTitle(event.target.value)} required minLength={3} maxLength={120} />
      </label>
      <label>
        Passing score (%)
        <input type="number" min={0} max={100} value={passing} onChange={(event) => setPassing(event.target.value)} required />
      </label>
      <label>
        Time limit (minutes, empty for none)
        <input type="number" min={1} max={1440} value={minutes} onChange={(event) => setMinutes(event.target.value)} />
      </label>
      {questions.map((question, index) => (
        <fieldset key={index}>
          <legend>Question {index + 1}</legend>
          <label>
            Prompt
            <input value={question.prompt} onChange={(event) => change(index, { prompt: event.target.value })} required maxLength={2000} />
          </label>
          {question.choices.map((choice, choiceIndex) => (
            <div className="choice" key={choiceIndex}>
              <label>
                Choice {choiceIndex + 1}
                <input
                  value={choice}
                  onChange={(event) => change(index, { choices: question.choices.map((text, i) => (i === choiceIndex ? event.target.value : text)) })}
                  required={choiceIndex < 2}
                />
              </label>
              <label className="inline">
                <input
                  type="radio"
                  name={`correct-${index}`}
                  checked={question.correct === choiceIndex}
                  onChange={() => change(index, { correct: choiceIndex })}
                />
                Choice {choiceIndex + 1} is correct
              </label>
            </div>
          ))}
        </fieldset>
      ))}
      <button type="button" onClick={() => setQuestions((all) => [...all, emptyQuestion()])}>
        Add question
      </button>
      <ErrorAlert error={created.error} />
      <button type="submit" disabled={created.fetching}>
        Create assessment
      </button>
    </form>
  );
}
