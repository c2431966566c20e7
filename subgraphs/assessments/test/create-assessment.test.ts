import { ANONYMOUS, newId } from '@skillgraph/platform';
import { idOf, onlyError, person, startAssessmentsSubgraph, type AssessmentsHarness } from './harness';
import { CREATE_ASSESSMENT, assessmentInput, createAssessment, knownCourse, question, type AssessmentView } from './fixtures';

let h: AssessmentsHarness;
beforeAll(async () => {
  h = await startAssessmentsSubgraph();
});
afterAll(async () => h.stop());

const instructor = person('INSTRUCTOR');
const otherInstructor = person('INSTRUCTOR');
const student = person('STUDENT');
const admin = person('ADMIN');

it("creates an assessment for the course's instructor", async () => {
  const course = await knownCourse(h, instructor, false);
  const created = await createAssessment(h, instructor, course._id, '  Week 1 quiz ');
  expect(created).toMatchObject({ title: 'Week 1 quiz', passingPercentage: 50, course: { id: course._id } });
  expect(created.questions).toEqual([
    { id: expect.any(String), prompt: 'What is 2 + 2?', points: 2, choices: [{ id: expect.any(String), text: '3' }, { id: expect.any(String), text: '4' }] },
  ]);
  const [stored] = await h.assessments.findByIds([created.id]);
  expect(stored).toMatchObject({ courseId: course._id, createdBy: idOf(instructor) });
  expect(stored?.questions[0]?.choices.map((choice) => choice.correct)).toEqual([false, true]);
});

it('applies the defaults for passing percentage and points', async () => {
  const course = await knownCourse(h, instructor, true);
  const input = { courseId: course._id, title: 'Defaults', questions: [{ prompt: 'Pick', choices: [{ text: 'a', correct: true }, { text: 'b', correct: false }] }] };
  const response = await h.gql<{ createAssessment: AssessmentView }>(CREATE_ASSESSMENT, { input }, instructor);
  expect(response.data?.createAssessment.passingPercentage).toBe(70);
  expect(response.data?.createAssessment.questions[0]?.points).toBe(1);
});

it('never lets a client ask which choices are correct', async () => {
  const response = await h.gql(`{ assessment(id: "${newId()}") { questions { choices { id correct } } } }`, {}, admin);
  expect(onlyError(response).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('lets admins add assessments to any course', async () => {
  const course = await knownCourse(h, instructor, false);
  const created = await createAssessment(h, admin, course._id);
  const [stored] = await h.assessments.findByIds([created.id]);
  expect(stored?.createdBy).toBe(idOf(admin));
});

it.each([
  ['anonymous', ANONYMOUS, 'UNAUTHENTICATED'],
  ['a student', student, 'FORBIDDEN'],
  ['another instructor', otherInstructor, 'FORBIDDEN'],
])('refuses %s and stores nothing', async (_who, viewer, code) => {
  const course = await knownCourse(h, instructor, true);
  const before = await h.assessments.count();
  expect(onlyError(await h.gql(CREATE_ASSESSMENT, { input: assessmentInput(course._id) }, viewer)).extensions?.code).toBe(code);
  expect(await h.assessments.count()).toBe(before);
});

it('answers NOT_FOUND for a course it does not know and BAD_USER_INPUT for a malformed course id', async () => {
  expect(onlyError(await h.gql(CREATE_ASSESSMENT, { input: assessmentInput(newId()) }, admin)).extensions?.code).toBe('NOT_FOUND');
  expect(onlyError(await h.gql(CREATE_ASSESSMENT, { input: assessmentInput('course-1') }, admin)).extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.courseId',
  });
});

const choices = (count: number, correct = true) => Array.from({ length: count }, (_, index) => ({ text: `c${index}`, correct: correct && index === 0 }));

it.each([
  ['a 2-character title', { title: 'ab' }, 'input.title'],
  ['a 121-character title', { title: 't'.repeat(121) }, 'input.title'],
  ['a negative passing percentage', { passingPercentage: -1 }, 'input.passingPercentage'],
  ['a passing percentage above 100', { passingPercentage: 100.5 }, 'input.passingPercentage'],
  ['no questions', { questions: [] }, 'input.questions'],
  ['101 questions', { questions: Array.from({ length: 101 }, () => question()) }, 'input.questions'],
  ['an empty prompt', { questions: [question(), { ...question(), prompt: ' ' }] }, 'input.questions[1].prompt'],
  ['a 2001-character prompt', { questions: [question('p'.repeat(2001))] }, 'input.questions[0].prompt'],
  ['0 points', { questions: [{ ...question(), points: 0 }] }, 'input.questions[0].points'],
  ['101 points', { questions: [{ ...question(), points: 101 }] }, 'input.questions[0].points'],
  ['one choice', { questions: [{ ...question(), choices: choices(1) }] }, 'input.questions[0].choices'],
  ['eleven choices', { questions: [{ ...question(), choices: choices(11) }] }, 'input.questions[0].choices'],
  ['no correct choice', { questions: [question(), { ...question(), choices: choices(3, false) }] }, 'input.questions[1].choices'],
  ['an empty choice text', { questions: [{ ...question(), choices: [{ text: '', correct: true }, { text: 'b', correct: false }] }] }, 'input.questions[0].choices[0].text'],
  ['a 501-character choice text', { questions: [{ ...question(), choices: [{ text: 'a', correct: true }, { text: 'b'.repeat(501), correct: false }] }] }, 'input.questions[0].choices[1].text'],
])('rejects %s naming %s, and stores nothing', async (_case, change, field) => {
  const course = await knownCourse(h, instructor, true);
  const before = await h.assessments.count();
  const error = onlyError(await h.gql(CREATE_ASSESSMENT, { input: { ...assessmentInput(course._id), ...change } }, instructor));
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await h.assessments.count()).toBe(before);
});
