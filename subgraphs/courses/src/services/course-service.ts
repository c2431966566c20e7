import { badUserInput, conflict, newId, notFound, parseId, type Viewer } from '@skillgraph/platform';
import type { AddLessonInput, CreateCourseInput, UpdateCourseInput, UpdateLessonInput } from '../generated/resolvers-types';
import type { CourseChanges, CourseRepository } from '../data/course-repository';
import type { CourseRecord } from '../data/records';
import { courseChanged, courseCreated, effectiveChanges } from '../events/course-events';
import { requireAuthor, requireManager, requireSignedIn } from './course-access';
import { checkCourseChanges, checkNewCourse, reordered, withNewLesson, withoutLesson, withUpdatedLesson } from './course-input';

/**
 * How often a change is recomputed when another writer got in first. Each retry re-reads the
 * course, so only a writer that keeps losing a race on one course gives up with CONFLICT.
 */
const MAX_ATTEMPTS = 5;

/** The writes the service commits; each one stages its events in the same document write. */
interface CreateCourse {
  kind: 'create';
  course: CourseRecord;
}
interface UpdateCourse {
  kind: 'update';
  before: CourseRecord;
  changes: CourseChanges;
}

export type CourseService = ReturnType<typeof createCourseService>;

export interface CourseServiceOptions {
  /** Nudged after every committed write, so its staged events go out now rather than at the next poll. */
  outbox: { notify(): void };
  now?: () => Date;
}

export function createCourseService(courses: CourseRepository, { outbox, now = () => new Date() }: CourseServiceOptions) {
  /**
   * The one place courses are written, each write with its events (outbox). Null means another
   * writer changed the course first; nothing, events included, was written then.
   */
  function commit(write: CreateCourse): Promise<CourseRecord>;
  function commit(write: UpdateCourse): Promise<CourseRecord | null>;
  async function commit(write: CreateCourse | UpdateCourse): Promise<CourseRecord | null> {
    let saved: CourseRecord | null;
    if (write.kind === 'create') {
      saved = await courses.insert(write.course, courseCreated(write.course));
    } else {
      const at = now();
      const { before, changes } = write;
      saved = await courses.updateIfVersion(before._id, before.version, changes, at, courseChanged(before, changes, at));
    }
    if (saved) outbox.notify();
    return saved;
  }

  /**
   * Loads the course, checks the viewer may change it, and applies what `decide` returns for the
   * state it read; retried from a fresh read when a concurrent write wins. `decide` validates and
   * throws before anything is written, so a rejected change writes nothing. Null from `decide`
   * means "nothing to change".
   */
  async function change(viewer: Viewer, rawId: string, field: string, decide: (course: CourseRecord) => CourseChanges | null): Promise<CourseRecord> {
    const user = requireSignedIn(viewer);
    const id = parseId(rawId, field);
    for (let attempt = 1; ; attempt += 1) {
      const course = await courses.findById(id);
      if (!course) throw notFound('Course');
      requireManager(user, course);
      const decided = decide(course);
      // Setting a field to the value it has is no change: no write, no version bump, no event.
      const changes = decided && effectiveChanges(course, decided);
      if (!changes || Object.keys(changes).length === 0) return course;
      const saved = await commit({ kind: 'update', before: course, changes });
      if (saved) return saved;
      if (attempt === MAX_ATTEMPTS) throw conflict('The course kept changing while saving; try again.', field);
    }
  }

  /** `change` on the course holding the lesson; an unknown lesson is NOT_FOUND. */
  async function changeLesson(viewer: Viewer, rawLessonId: string, decide: (course: CourseRecord, lessonId: string) => CourseChanges | null): Promise<CourseRecord> {
    requireSignedIn(viewer);
    const lessonId = parseId(rawLessonId, 'lessonId');
    const [holder] = await courses.findByLessonIds([lessonId]);
    if (!holder) throw notFound('Lesson');
    return change(viewer, holder._id, 'lessonId', (course) => {
      if (!course.lessons.some((lesson) => lesson._id === lessonId)) throw notFound('Lesson');
      return decide(course, lessonId);
    });
  }

  return {
    async createCourse(viewer: Viewer, input: CreateCourseInput): Promise<CourseRecord> {
      const author = requireAuthor(viewer);
      const { title, description } = checkNewCourse(input);
      const at = now();
      const course: CourseRecord = {
        _id: newId(),
        title,
        description,
        instructorId: author.id,
        published: false,
        lessons: [],
        version: 0,
        createdAt: at,
        updatedAt: at,
      };
      return commit({ kind: 'create', course });
    },

    updateCourse: (viewer: Viewer, id: string, input: UpdateCourseInput): Promise<CourseRecord> =>
      change(viewer, id, 'id', () => checkCourseChanges(input)),

    publishCourse: (viewer: Viewer, id: string): Promise<CourseRecord> =>
      change(viewer, id, 'id', (course) => {
        if (course.archived) throw badUserInput('An archived course cannot be published again.', 'id');
        if (course.published) return null;
        if (course.lessons.length === 0) throw badUserInput('A course needs at least one lesson before it is published.', 'id');
        return { published: true };
      }),

    /** Takes the course out of the catalogue; enrollments stay and progress can still be recorded. */
    unpublishCourse: (viewer: Viewer, id: string): Promise<CourseRecord> => change(viewer, id, 'id', (course) => (course.published ? { published: false } : null)),

    /** Out of the catalogue for good and closed to new enrollments; existing enrollments stay. */
    archiveCourse: (viewer: Viewer, id: string): Promise<CourseRecord> =>
      change(viewer, id, 'id', (course) => (course.archived ? null : { archived: true, published: false })),

    updateLesson: (viewer: Viewer, lessonId: string, input: UpdateLessonInput): Promise<CourseRecord> =>
      changeLesson(viewer, lessonId, (course, id) => ({ lessons: withUpdatedLesson(course.lessons, id, input) })),

    removeLesson: (viewer: Viewer, lessonId: string): Promise<CourseRecord> =>
      changeLesson(viewer, lessonId, (course, id) => ({ lessons: withoutLesson(course.lessons, id, course.published) })),

    reorderLessons: (viewer: Viewer, courseId: string, lessonIds: readonly string[]): Promise<CourseRecord> =>
      change(viewer, courseId, 'courseId', (course) => ({ lessons: reordered(course.lessons, lessonIds) })),

    addLesson(viewer: Viewer, courseId: string, input: AddLessonInput): Promise<CourseRecord> {
      // One id for every attempt: a retry inserts the same lesson, not a second one.
      const lessonId = newId();
      return change(viewer, courseId, 'courseId', (course) => ({ lessons: withNewLesson(course.lessons, input, lessonId) }));
    },
  };
}
