import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { newId, type EventBus } from '@skillgraph/platform';
import type { Stack } from '../../src';
import { postGraphQL, type GraphQLResponse } from './graphql';
import { REPO_ROOT } from './stack';

/** A signed-in person talking to the gateway as a client would. */
export interface Client {
  id: string;
  token: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/**
 * Posts like a well-behaved client: a request the gateway shed under load (503,
 * SERVICE_OVERLOADED, on a machine busy with other suites) is sent again after a short pause,
 * within a deadline. Nothing else is retried.
 */
async function post<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await postGraphQL<T>(url, query, variables, headers);
    if (response.errors?.[0]?.extensions?.code !== 'SERVICE_OVERLOADED' || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const anonymous = (stack: Stack) => ({
  gql: <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) => post<T>(stack.gatewayUrl, query, variables),
});

function clientFor(stack: Stack, id: string, token: string): Client {
  return { id, token, gql: (query, variables = {}) => post(stack.gatewayUrl, query, variables, { authorization: `Bearer ${token}` }) };
}

/** Signs in a demo account (password from the demo dataset). */
export async function login(stack: Stack, email: string): Promise<Client> {
  const result = await post<{ login: { accessToken: string; user: { id: string } } }>(
    stack.gatewayUrl,
    'mutation ($email: String!) { login(email: $email, password: "learn-graphs-2026") { accessToken user { id } } }',
    { email },
  );
  if (!result.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(result.errors)}`);
  return clientFor(stack, result.data.login.user.id, result.data.login.accessToken);
}

/** Registers a new student account. */
export async function register(stack: Stack, name: string): Promise<Client & { email: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${newId().slice(-8)}@example.org`;
  const result = await post<{ register: { accessToken: string; user: { id: string } } }>(
    stack.gatewayUrl,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    { input: { email, name, password: 'Loop-learner-2026!' } },
  );
  if (!result.data?.register) throw new Error(`register ${name} failed: ${JSON.stringify(result.errors)}`);
  return { ...clientFor(stack, result.data.register.user.id, result.data.register.accessToken), email };
}

/** The data of a response that must have succeeded. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** Polls until `check` returns a value (not undefined/false); fails naming `what` after the deadline. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The answers a mutation gives while a projection it depends on has not caught up yet. */
function notProjectedYet(error: { extensions?: { code?: string; field?: unknown } } | undefined): boolean {
  const code = error?.extensions?.code;
  if (code === 'NOT_FOUND' || code === 'FORBIDDEN') return true;
  return code === 'BAD_USER_INPUT' && ['assessmentId', 'courseId', 'input.courseId'].includes(String(error?.extensions?.field));
}

/** Retries a mutation while a projection it depends on has not caught up, within a deadline. */
export async function onceProjected<T>(what: string, attempt: () => Promise<GraphQLResponse<T>>): Promise<T> {
  let last: GraphQLResponse<T> | undefined;
  return eventually(what, async () => {
    last = await attempt();
    if (notProjectedYet(last.errors?.[0])) return undefined;
    return ok(last);
  }).catch((error: Error) => {
    throw new Error(`${error.message}; last answer ${JSON.stringify(last?.errors)}`);
  });
}

export interface Received {
  topic: string;
  key: string;
  value: Record<string, unknown>;
}

/** Every message on the given topics from the beginning, as a fresh consumer group sees them. */
export async function recordTopics(bus: EventBus, topics: string[]) {
  const received: Received[] = [];
  const subscription = await bus.subscribe({
    groupId: `learning-loop-test-${newId()}`,
    topics,
    fromBeginning: true,
    handler: async (message) => {
      received.push({ topic: message.topic, key: message.key ?? '', value: JSON.parse(JSON.stringify(message.value)) as Record<string, unknown> });
    },
  });
  return { received, stop: () => subscription.stop() };
}

/** Validates against the committed files other teams consume (schema/events), with an independent Ajv. */
export function committedSchemaValidator(): (event: Record<string, unknown>) => unknown[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();
  return (event) => {
    const type = String(event.event_type);
    let validate = cache.get(type);
    if (!validate) {
      validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema', 'events', `${type}.schema.json`), 'utf8')) as object);
      cache.set(type, validate);
    }
    return validate(event) ? [] : (validate.errors ?? []);
  };
}

export const COURSE_AUTHORING = {
  create: 'mutation ($title: String!) { createCourse(input: { title: $title }) { id } }',
  addLesson: 'mutation ($id: ID!, $title: String!) { addLesson(courseId: $id, input: { title: $title, durationMinutes: 10 }) { lessons { id title position } } }',
  publish: 'mutation ($id: ID!) { publishCourse(id: $id) { id status } }',
  createAssessment: `mutation ($input: CreateAssessmentInput!) { createAssessment(input: $input) { id questions { id choices { id text } } } }`,
};

/** A two-question final assessment: choice texts starting with "right" are correct. */
export const finalAssessmentInput = (courseId: string, extra: Record<string, unknown> = {}) => ({
  courseId,
  title: 'Final exam',
  passingPercentage: 60,
  required: true,
  final: true,
  maxAttempts: 3,
  questions: [
    { prompt: 'Which operation changes data?', points: 2, choices: [{ text: 'right: mutation', correct: true }, { text: 'wrong: query', correct: false }] },
    { prompt: 'What does a gateway compose?', points: 3, choices: [{ text: 'right: subgraphs', correct: true }, { text: 'wrong: tables', correct: false }] },
  ],
  ...extra,
});

export interface AuthoredAssessment {
  id: string;
  questions: { id: string; choices: { id: string; text: string }[] }[];
}

/** Answers picking the right (or wrong) choice of each question. */
export const answersFor = (assessment: AuthoredAssessment, pick: 'right' | 'wrong') =>
  assessment.questions.map((question) => ({ questionId: question.id, choiceIds: [question.choices.find((choice) => choice.text.startsWith(pick))!.id] }));

/** An instructor's published course with `lessons` lessons and a final, required assessment. */
export async function publishedCourseWithFinal(instructor: Client, title: string, lessons = 3, assessmentExtra: Record<string, unknown> = {}) {
  const { createCourse } = ok(await instructor.gql<{ createCourse: { id: string } }>(COURSE_AUTHORING.create, { title }));
  let lessonIds: string[] = [];
  for (let index = 1; index <= lessons; index += 1) {
    const { addLesson } = ok(await instructor.gql<{ addLesson: { lessons: { id: string }[] } }>(COURSE_AUTHORING.addLesson, { id: createCourse.id, title: `Lesson ${index}` }));
    lessonIds = addLesson.lessons.map((lesson) => lesson.id);
  }
  // The assessments subgraph learns of the course from COURSE_CREATED: retried until it has.
  const { createAssessment } = await onceProjected('the course to reach the assessments subgraph', () =>
    instructor.gql<{ createAssessment: AuthoredAssessment }>(COURSE_AUTHORING.createAssessment, { input: finalAssessmentInput(createCourse.id, assessmentExtra) }),
  );
  ok(await instructor.gql(COURSE_AUTHORING.publish, { id: createCourse.id }));
  return { courseId: createCourse.id, lessonIds, assessment: createAssessment };
}

export const LEARNER = {
  enroll: 'mutation ($id: ID!) { enroll(courseId: $id) { id status } }',
  unenroll: 'mutation ($id: ID!) { unenroll(courseId: $id) { id status } }',
  progress: 'mutation ($lesson: ID!, $pos: Int!, $done: Boolean) { recordLessonProgress(lessonId: $lesson, input: { positionSeconds: $pos, completed: $done }) { id status progress { completedLessons totalLessons percent lastPosition lastLesson { id } } } }',
  start: 'mutation ($id: ID!) { startAttempt(assessmentId: $id) { id number status questions { id prompt choices { id text } } } }',
  submit: 'mutation ($id: ID!, $answers: [AnswerInput!]!) { submitAttempt(attemptId: $id, answers: $answers) { id status score maxScore percentage passed results { questionId correct pointsAwarded correctChoiceIds } } }',
};

export const repoPath = (...parts: string[]): string => path.join(REPO_ROOT, ...parts);
