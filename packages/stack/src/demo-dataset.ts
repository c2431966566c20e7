import { newId, type Role } from '@skillgraph/platform';
import type { UserRecord } from '@skillgraph/users/src/data/records';
import type { CourseRecord, StoredLesson } from '@skillgraph/courses/src/data/records';
import type { AssessmentSeed, CourseViewRecord } from '@skillgraph/assessments/src/data/records';
import type { MediaAssetRecord } from '@skillgraph/media/src/data/records';

/** Every demo account signs in with this password (documented in the README). */
export const DEMO_PASSWORD = 'learn-graphs-2026';

export interface DemoDataset {
  users: Omit<UserRecord, 'passwordHash'>[];
  courses: CourseRecord[];
  courseViews: CourseViewRecord[];
  assessments: AssessmentSeed[];
  media: MediaAssetRecord[];
}

const at = (iso: string): Date => new Date(iso);

function person(name: string, email: string, role: Role, joined: string): Omit<UserRecord, 'passwordHash'> {
  return { _id: newId(), name, email, emailKey: email.toLowerCase(), role, createdAt: at(joined), updatedAt: at(joined) };
}

function lessons(...entries: [title: string, minutes: number][]): StoredLesson[] {
  return entries.map(([title, durationMinutes], index) => ({ _id: newId(), title, position: index + 1, durationMinutes }));
}

function course(title: string, description: string, instructorId: string, published: boolean, created: string, lessonList: StoredLesson[]): CourseRecord {
  return { _id: newId(), title, description, instructorId, published, lessons: lessonList, version: 1, createdAt: at(created), updatedAt: at(created) };
}

function question(prompt: string, answers: [text: string, correct: boolean][]) {
  return { _id: newId(), prompt, points: 1, choices: answers.map(([text, correct]) => ({ _id: newId(), text, correct })) };
}

/** A small, believable platform: an admin, two instructors, three students, three courses. */
export function demoDataset(): DemoDataset {
  const admin = person('Ada Admin', 'admin@skillgraph.dev', 'ADMIN', '2026-01-05T09:00:00Z');
  const grace = person('Grace Hopper', 'grace@skillgraph.dev', 'INSTRUCTOR', '2026-01-06T10:00:00Z');
  const alan = person('Alan Turing', 'alan@skillgraph.dev', 'INSTRUCTOR', '2026-01-07T11:00:00Z');
  const students = [
    person('Marie Curie', 'marie@skillgraph.dev', 'STUDENT', '2026-02-01T08:30:00Z'),
    person('Ivan Petrov', 'ivan@skillgraph.dev', 'STUDENT', '2026-02-03T14:10:00Z'),
    person('Lina Okafor', 'lina@skillgraph.dev', 'STUDENT', '2026-02-04T17:45:00Z'),
  ];

  const graphql = course(
    'Introduction to GraphQL',
    'Design, query and federate graph APIs, from the first query to a gateway over several services.',
    grace._id,
    true,
    '2026-01-10T09:00:00Z',
    lessons(['What is a graph API?', 12], ['Queries, mutations and variables', 25], ['Federation in practice', 40]),
  );
  const structures = course(
    'Data Structures for Everyone',
    'Lists, trees, hash maps and graphs, and how to reason about their cost.',
    alan._id,
    true,
    '2026-01-12T09:00:00Z',
    lessons(['Arrays and linked lists', 20], ['Hash maps', 30], ['Trees and balancing', 35], ['Graphs and traversal', 45]),
  );
  const statistics = course(
    'Practical Statistics (draft)',
    'Averages, spread and uncertainty for people who work with data. Still being written.',
    grace._id,
    false,
    '2026-03-01T09:00:00Z',
    lessons(['Describing data', 18]),
  );
  const courses = [graphql, structures, statistics];

  const assessments: AssessmentSeed[] = [
    {
      _id: newId(),
      courseId: graphql._id,
      title: 'GraphQL basics quiz',
      passingPercentage: 70,
      questions: [
        question('Which operation type changes data?', [['query', false], ['mutation', true], ['subscription', false]]),
        question('What does a federation gateway compose?', [['Subgraph schemas', true], ['Database tables', false], ['REST endpoints', false]]),
        question('Which directive marks an entity key?', [['@key', true], ['@id', false], ['@entity', false]]),
      ],
      final: true,
      createdBy: grace._id,
      createdAt: at('2026-01-15T09:00:00Z'),
    },
    {
      _id: newId(),
      courseId: structures._id,
      title: 'Big-O checkpoint',
      passingPercentage: 60,
      questions: [
        question('Average lookup cost in a hash map?', [['O(1)', true], ['O(n)', false], ['O(log n)', false]]),
        question('Which traversal uses a queue?', [['Breadth-first', true], ['Depth-first', false]]),
      ],
      final: true,
      createdBy: alan._id,
      createdAt: at('2026-01-16T09:00:00Z'),
    },
  ];

  const asset = (
    fields: Pick<MediaAssetRecord, 'kind' | 'filename' | 'contentType' | 'size' | 'ownerId'>,
    attachedTo: { kind: 'COURSE_COVER'; courseId: string } | { kind: 'LESSON'; lessonId: string; courseId: string },
    created: string,
  ): MediaAssetRecord => ({ _id: newId(), status: 'READY', createdAt: at(created), ...fields, attachedTo: { ...attachedTo, attachedAt: at(created) } });
  const media = [
    asset({ kind: 'IMAGE', filename: 'graphql-cover.webp', contentType: 'image/webp', size: 48_213, ownerId: grace._id }, { kind: 'COURSE_COVER', courseId: graphql._id }, '2026-01-10T09:05:00Z'),
    asset({ kind: 'IMAGE', filename: 'data-structures-cover.png', contentType: 'image/png', size: 91_540, ownerId: alan._id }, { kind: 'COURSE_COVER', courseId: structures._id }, '2026-01-12T09:05:00Z'),
    asset({ kind: 'VIDEO', filename: 'what-is-a-graph-api.mp4', contentType: 'video/mp4', size: 73_400_320, ownerId: grace._id }, { kind: 'LESSON', lessonId: graphql.lessons[0]!._id, courseId: graphql._id }, '2026-01-11T10:00:00Z'),
    asset({ kind: 'DOCUMENT', filename: 'queries-cheat-sheet.pdf', contentType: 'application/pdf', size: 215_004, ownerId: grace._id }, { kind: 'LESSON', lessonId: graphql.lessons[1]!._id, courseId: graphql._id }, '2026-01-11T10:30:00Z'),
    asset({ kind: 'VIDEO', filename: 'hash-maps-explained.mp4', contentType: 'video/mp4', size: 58_112_000, ownerId: alan._id }, { kind: 'LESSON', lessonId: structures.lessons[1]!._id, courseId: structures._id }, '2026-01-13T15:00:00Z'),
  ];

  const courseViews = courses.map((entry) => ({ _id: entry._id, instructorId: entry.instructorId, title: entry.title, published: entry.published }));
  return { users: [admin, grace, alan, ...students], courses, courseViews, assessments, media };
}
