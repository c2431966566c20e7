import { newId, type Viewer } from '@skillgraph/platform';
import type { CourseViewRecord } from '../src/data/records';
import { idOf, type AssessmentsHarness } from './harness';

export const ASSESSMENT_FIELDS = `id title passingPercentage createdAt course { id } questions { id prompt points choices { id text } }`;

export interface AssessmentView {
  id: string;
  title: string;
  passingPercentage: number;
  createdAt: string;
  course: { id: string };
  questions: { id: string; prompt: string; points: number; choices: { id: string; text: string }[] }[];
}

export const CREATE_ASSESSMENT = `mutation ($input: CreateAssessmentInput!) { createAssessment(input: $input) { ${ASSESSMENT_FIELDS} } }`;
export const ASSESSMENT = `query ($id: ID!) { assessment(id: $id) { ${ASSESSMENT_FIELDS} } }`;

/** Tells the subgraph about a course, as course events will. */
export async function knownCourse(h: AssessmentsHarness, instructor: Viewer, published: boolean): Promise<CourseViewRecord> {
  const view = { _id: newId(), instructorId: idOf(instructor), title: 'Some Course', published };
  await h.courseDirectory.upsert(view);
  return view;
}

export const question = (prompt = 'What is 2 + 2?') => ({
  prompt,
  points: 2,
  choices: [
    { text: '3', correct: false },
    { text: '4', correct: true },
  ],
});

export const assessmentInput = (courseId: string, title = 'Quiz one') => ({ courseId, title, passingPercentage: 50, questions: [question()] });

export async function createAssessment(h: AssessmentsHarness, viewer: Viewer, courseId: string, title?: string): Promise<AssessmentView> {
  const response = await h.gql<{ createAssessment: AssessmentView }>(CREATE_ASSESSMENT, { input: assessmentInput(courseId, title) }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.createAssessment;
}
