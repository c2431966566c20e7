import { badUserInput, newId } from '@skillgraph/platform';
import type { ChoiceInput, CreateAssessmentInput, QuestionInput } from '../generated/resolvers-types';
import type { ChoiceRecord, QuestionRecord } from '../data/records';
import { checkCount, checkInteger, checkNumber, checkText } from '@skillgraph/platform';

const TITLE = { min: 3, max: 120 };
const PERCENTAGE = { min: 0, max: 100 };
const QUESTIONS = { min: 1, max: 100 };
const PROMPT = { min: 1, max: 2000 };
const POINTS = { min: 1, max: 100 };
const CHOICES = { min: 2, max: 10 };
const CHOICE_TEXT = { min: 1, max: 500 };
const DEFAULT_PASSING_PERCENTAGE = 70;
const DEFAULT_POINTS = 1;

export interface AssessmentDraft {
  title: string;
  passingPercentage: number;
  questions: QuestionRecord[];
}

function checkChoice(choice: ChoiceInput, field: string): ChoiceRecord {
  return { _id: newId(), text: checkText(choice.text, `${field}.text`, 'Choice text', CHOICE_TEXT), correct: choice.correct };
}

function checkQuestion(question: QuestionInput, field: string): QuestionRecord {
  const prompt = checkText(question.prompt, `${field}.prompt`, 'Prompt', PROMPT);
  const points = checkInteger(question.points ?? DEFAULT_POINTS, `${field}.points`, 'Points', POINTS);
  checkCount(question.choices, `${field}.choices`, 'Choices', CHOICES);
  const choices = question.choices.map((choice, index) => checkChoice(choice, `${field}.choices[${index}]`));
  if (!choices.some((choice) => choice.correct)) throw badUserInput('Each question needs at least one correct choice.', `${field}.choices`);
  return { _id: newId(), prompt, points, choices };
}

/** Checks everything before anything is written; null optional fields take their defaults. */
export function checkNewAssessment(input: CreateAssessmentInput): AssessmentDraft {
  const title = checkText(input.title, 'input.title', 'Title', TITLE);
  const passingPercentage = checkNumber(input.passingPercentage ?? DEFAULT_PASSING_PERCENTAGE, 'input.passingPercentage', 'Passing percentage', PERCENTAGE);
  checkCount(input.questions, 'input.questions', 'Questions', QUESTIONS);
  const questions = input.questions.map((question, index) => checkQuestion(question, `input.questions[${index}]`));
  return { title, passingPercentage, questions };
}
