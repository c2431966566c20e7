import { createEvent, type AnyEvent } from '@skillgraph/platform';
import type { AssessmentRecord } from '../data/records';

/** What the assessments subgraph publishes (topic `assessment.events`, key = assessment id; docs/events.md). */

export function assessmentCreated(assessment: AssessmentRecord): AnyEvent[] {
  const maxScore = assessment.questions.reduce((total, question) => total + question.points, 0);
  return [
    createEvent(
      'ASSESSMENT_CREATED',
      {
        assessment_id: assessment._id,
        course_id: assessment.courseId,
        title: assessment.title,
        max_score: maxScore,
        passing_percentage: assessment.passingPercentage,
      },
      { at: assessment.createdAt },
    ),
  ];
}
