import { badUserInput, newId } from '@skillgraph/platform';
import type { ChoiceInput, CreateAssessmentInput, QuestionInput, UpdateAssessmentInput } from '../generated/resolvers-types';
import type { AssessmentChanges } from '../data/assessment-repository';
import { DEFAULT_ASSESSMENT_SETTINGS } from '../data/defaults';
import type { AssessmentSettings } from '../data/records';
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

const MAX_ATTEMPTS = { min: 0, max: 100 };
const TIME_LIMIT_MINUTES = { min: 0, max: 24 * 60 };

export interface AssessmentDraft extends AssessmentSettings {
  title: string;
  passingPercentage: number;
  questions: QuestionRecord[];
}

/** The settings both inputs share; 0 means "no limit" for attempts and time. */
interface SettingsInput {
  maxAttempts?: number | null;
  timeLimitMinutes?: number | null;
  lateSubmissions?: AssessmentSettings['lateSubmissions'] | null;
  revealAnswers?: AssessmentSettings['revealAnswers'] | null;
  required?: boolean | null;
  final?: boolean | null;
}

/** The settings the input sets; omitted and null fields are left out. */
function checkSettings(input: SettingsInput): Partial<AssessmentSettings> {
  const settings: Partial<AssessmentSettings> = {};
  if (input.maxAttempts != null) {
    const limit = checkInteger(input.maxAttempts, 'input.maxAttempts', 'Maximum attempts', MAX_ATTEMPTS);
    settings.maxAttempts = limit === 0 ? null : limit;
  }
  if (input.timeLimitMinutes != null) {
    const minutes = checkInteger(input.timeLimitMinutes, 'input.timeLimitMinutes', 'Time limit', TIME_LIMIT_MINUTES);
    settings.timeLimitMinutes = minutes === 0 ? null : minutes;
  }
  if (input.lateSubmissions != null) settings.lateSubmissions = input.lateSubmissions;
  if (input.revealAnswers != null) settings.revealAnswers = input.revealAnswers;
  if (input.required != null) settings.required = input.required;
  if (input.final != null) settings.final = input.final;
  return settings;
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
  const questions = checkQuestions(input.questions);
  return { title, passingPercentage, questions, ...DEFAULT_ASSESSMENT_SETTINGS, ...checkSettings(input) };
}

function checkQuestions(questions: readonly QuestionInput[]): QuestionRecord[] {
  checkCount(questions, 'input.questions', 'Questions', QUESTIONS);
  return questions.map((question, index) => checkQuestion(question, `input.questions[${index}]`));
}

/** Omitted and null fields keep their value; new questions replace all the old ones (new ids). */
export function checkAssessmentChanges(input: UpdateAssessmentInput): AssessmentChanges {
  const changes: AssessmentChanges = { ...checkSettings(input) };
  if (input.title != null) changes.title = checkText(input.title, 'input.title', 'Title', TITLE);
  if (input.passingPercentage != null) changes.passingPercentage = checkNumber(input.passingPercentage, 'input.passingPercentage', 'Passing percentage', PERCENTAGE);
  if (input.questions != null) changes.questions = checkQuestions(input.questions);
  return changes;
}
