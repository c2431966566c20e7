import { badUserInput, checkCount } from '@skillgraph/platform';
import { maxScoreOf } from '../data/defaults';
import type { AnswerRecord, GradedContent, QuestionResultRecord } from '../data/records';

/** An answer as the client sends it. */
export interface AnswerInput {
  questionId: string;
  choiceIds: readonly string[];
}

export interface Grade {
  score: number;
  maxScore: number;
  /** 0 to 100, two decimals. */
  percentage: number;
  passed: boolean;
  results: QuestionResultRecord[];
}

/**
 * Checks answers against the questions they answer before anything is stored: each must name a
 * question of this version once, and choices of that question once each. Unanswered questions
 * are allowed (they score nothing).
 */
export function checkAnswers(content: GradedContent, answers: readonly AnswerInput[]): AnswerRecord[] {
  checkCount(answers, 'answers', 'Answers', { min: 0, max: content.questions.length });
  const seen = new Set<string>();
  return answers.map((answer, index) => {
    const field = `answers[${index}]`;
    const question = content.questions.find((candidate) => candidate._id === answer.questionId);
    if (!question) throw badUserInput('This question is not part of the assessment.', `${field}.questionId`);
    if (seen.has(question._id)) throw badUserInput('Each question may be answered once.', `${field}.questionId`);
    seen.add(question._id);
    const choices = new Set(question.choices.map((choice) => choice._id));
    if (new Set(answer.choiceIds).size !== answer.choiceIds.length) throw badUserInput('A choice may be picked once.', `${field}.choiceIds`);
    if (answer.choiceIds.some((id) => !choices.has(id))) throw badUserInput('A picked choice is not one of the question\'s choices.', `${field}.choiceIds`);
    return { questionId: question._id, choiceIds: [...answer.choiceIds] };
  });
}

/** All or nothing per question: the picked choices must be exactly the correct ones. */
export function grade(content: GradedContent, answers: readonly AnswerRecord[]): Grade {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer.choiceIds]));
  const results = content.questions.map((question): QuestionResultRecord => {
    const selected = byQuestion.get(question._id) ?? [];
    const correctChoiceIds = question.choices.filter((choice) => choice.correct).map((choice) => choice._id);
    const correct = selected.length === correctChoiceIds.length && correctChoiceIds.every((id) => selected.includes(id));
    return { questionId: question._id, selectedChoiceIds: [...selected], correct, points: question.points, pointsAwarded: correct ? question.points : 0, correctChoiceIds };
  });
  const score = results.reduce((total, result) => total + result.pointsAwarded, 0);
  const maxScore = maxScoreOf(content);
  const percentage = maxScore === 0 ? 0 : Math.round((score / maxScore) * 10_000) / 100;
  return { score, maxScore, percentage, passed: percentage >= content.passingPercentage, results };
}
