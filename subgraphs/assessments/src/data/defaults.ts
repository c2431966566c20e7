import type { AssessmentRecord, AssessmentSettings } from './records';

/** Settings of an assessment that does not say otherwise (and of records stored before settings existed). */
export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  maxAttempts: null,
  timeLimitMinutes: null,
  lateSubmissions: 'REFUSE',
  revealAnswers: 'AFTER_SUBMISSION',
  required: false,
  final: false,
};

/** A stored assessment with every field present, whatever it was written with. */
export function withDefaults(stored: AssessmentRecord): AssessmentRecord {
  const partial: Partial<AssessmentRecord> = stored;
  return {
    ...DEFAULT_ASSESSMENT_SETTINGS,
    ...stored,
    version: partial.version ?? 1,
    status: partial.status ?? 'ACTIVE',
    updatedAt: partial.updatedAt ?? stored.createdAt,
  };
}

export const maxScoreOf = (content: { questions: { points: number }[] }): number => content.questions.reduce((total, question) => total + question.points, 0);
