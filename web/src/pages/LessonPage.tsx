import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { LessonMedia } from '../components/LessonMedia';
import { graphql } from '../gql';
import type { PlaybackEvent } from '../components/HlsVideo';

const LessonQuery = graphql(`
  query LessonPage($courseId: ID!) {
    course(id: $courseId) {
      id
      title
      lessons {
        id
        title
        position
        durationMinutes
        media {
          id
          kind
          filename
          contentType
          status
          url {
            url
          }
          thumbnailUrl(size: 1280) {
            url
          }
          playbackUrl {
            url
          }
        }
      }
      viewerEnrollment {
        id
        status
        lessonProgress {
          lesson {
            id
          }
          positionSeconds
          completed
        }
      }
    }
  }
`);

const RecordProgressMutation = graphql(`
  mutation RecordLessonProgress($lessonId: ID!, $input: LessonProgressInput!) {
    recordLessonProgress(lessonId: $lessonId, input: $input) {
      id
      status
      lessonProgress {
        lesson {
          id
        }
        positionSeconds
        completed
      }
    }
  }
`);

/** One lesson: its media, progress recorded as the learner goes, "Mark complete", the next lesson. */
export function LessonPage() {
  const { courseId = '', lessonId = '' } = useParams();
  // A fresh page per lesson, so nothing of the previous lesson's state carries over.
  return <Lesson key={lessonId} courseId={courseId} lessonId={lessonId} />;
}

function Lesson({ courseId, lessonId }: { courseId: string; lessonId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: LessonQuery, variables: { courseId } });
  const [, record] = useMutation(RecordProgressMutation);
  const [recordError, setRecordError] = useState<CombinedError | undefined>(undefined);
  // What the server said after the last report; until then, what the page loaded with.
  const [completedNow, setCompletedNow] = useState<boolean | null>(null);

  const enrollment = data?.course?.viewerEnrollment;
  const enrolled = enrollment != null && enrollment.status !== 'CANCELLED';
  const report = useCallback(
    async (positionSeconds: number, completed?: boolean) => {
      const result = await record({ lessonId, input: completed ? { positionSeconds, completed } : { positionSeconds } });
      setRecordError(result.error);
      const mine = result.data?.recordLessonProgress.lessonProgress.find((entry) => entry.lesson.id === lessonId);
      // Completion never goes back: an earlier report answered late must not hide it.
      if (mine) setCompletedNow((before) => before === true || mine.completed);
    },
    [record, lessonId],
  );
  const onPosition = useCallback(
    (seconds: number, _event: PlaybackEvent) => {
      if (enrolled) void report(seconds);
    },
    [enrolled, report],
  );

  // Opening a lesson makes it the one to resume (and counts as a view), whatever its media: the
  // learner's last position in it is reported again, which the server never takes backwards.
  const openedAt = enrollment?.lessonProgress.find((entry) => entry.lesson.id === lessonId)?.positionSeconds ?? 0;
  const reported = useRef(false);
  useEffect(() => {
    if (!enrolled || reported.current) return;
    reported.current = true;
    void report(openedAt);
  }, [enrolled, openedAt, report]);

  if (error) return <ErrorAlert error={error} />;
  if (fetching && !data) return <p role="status">Loading the lesson…</p>;
  const course = data?.course;
  const index = course?.lessons.findIndex((lesson) => lesson.id === lessonId) ?? -1;
  const lesson = course?.lessons[index];
  if (!course || !lesson) return <p>There is no such lesson.</p>;
  const next = course.lessons[index + 1];
  const progress = enrollment?.lessonProgress.find((entry) => entry.lesson.id === lesson.id);
  const completed = completedNow ?? progress?.completed ?? false;

  return (
    <article className="lesson">
      <p className="breadcrumb">
        <Link to={`/courses/${course.id}`}>{course.title}</Link> · lesson {lesson.position} of {course.lessons.length}
      </p>
      <h1>{lesson.title}</h1>
      {lesson.media === null || lesson.media === undefined ? (
        <p role="alert" className="alert">
          This lesson's files cannot be loaded right now; try again in a moment.
        </p>
      ) : (
        <LessonMedia key={lesson.id} media={lesson.media} resumeAt={progress?.positionSeconds ?? 0} onPosition={onPosition} />
      )}
      <ErrorAlert error={recordError} />
      {enrolled ? (
        <p className="actions">
          <button type="button" onClick={() => void report(currentVideoPosition(), true)}>
            Mark complete
          </button>
          {completed && <span role="status">Lesson completed</span>}
        </p>
      ) : (
        <p>
          <Link to={`/courses/${course.id}`}>Enroll in the course</Link> to record your progress.
        </p>
      )}
      <nav aria-label="Lessons" className="actions">
        {next ? <Link to={`/courses/${course.id}/lessons/${next.id}`}>Next lesson</Link> : <Link to={`/courses/${course.id}`}>Back to the course</Link>}
      </nav>
    </article>
  );
}

/** The lesson video's position when there is one playing on the page (0 for images and documents). */
function currentVideoPosition(): number {
  const video = document.querySelector<HTMLVideoElement>('video[aria-label="Lesson video"]');
  return video ? Math.floor(video.currentTime) : 0;
}
