import type { StoredDocument } from '@skillgraph/platform';

/** One answer option. */
export interface ChoiceRecord {
  _id: string;
  text: string;
  /** The answer key. It stays inside this subgraph: the schema has no field for it, on purpose. */
  correct: boolean;
}

export interface QuestionRecord {
  _id: string;
  prompt: string;
  points: number;
  /** In display order. */
  choices: ChoiceRecord[];
}

/** An assessment as stored: one document with its questions, written once. */
export interface AssessmentRecord extends StoredDocument {
  courseId: string;
  title: string;
  /** 0 to 100. */
  passingPercentage: number;
  /** In the order students see them. */
  questions: QuestionRecord[];
  /** Who created it: the course's instructor or an admin. */
  createdBy: string;
  createdAt: Date;
}

/**
 * What this subgraph knows about a course, which the courses subgraph owns: a local projection,
 * kept current from course events, so access checks need no call to another service.
 */
export interface CourseViewRecord extends StoredDocument {
  instructorId: string;
  title: string;
  published: boolean;
}

/** A course known here only by id; the courses subgraph owns everything else about it. */
export interface CourseReference {
  id: string;
}
