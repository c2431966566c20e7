import { useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { CourseStatsQuery } from './operations';

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** `Course.stats` as the instructor sees it: enrollments, completion, scores and each lesson's figures. */
export function CourseStatsSection({ courseId }: { courseId: string }) {
  const [{ data, error, fetching }, refresh] = useQuery({ query: CourseStatsQuery, variables: { id: courseId } });
  const stats = data?.course?.stats;
  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">Stats</h2>
      <ErrorAlert error={error} />
      {stats ? (
        <>
          <dl className="stats">
            <dt>Enrolled</dt>
            <dd>{stats.enrolled}</dd>
            <dt>Active</dt>
            <dd>{stats.active}</dd>
            <dt>Completed</dt>
            <dd>{stats.completed}</dd>
            <dt>Left</dt>
            <dd>{stats.cancelled}</dd>
            <dt>Completion rate</dt>
            <dd>{percent(stats.completionRate)}</dd>
            <dt>Average score</dt>
            <dd>{stats.averageScore === null || stats.averageScore === undefined ? '—' : `${Math.round(stats.averageScore)}%`}</dd>
            <dt>Where learners stop</dt>
            <dd>{stats.dropOffLesson?.title ?? '—'}</dd>
          </dl>
          {stats.lessons.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption>Per lesson</caption>
                <thead>
                  <tr>
                    <th scope="col">Lesson</th>
                    <th scope="col">Views</th>
                    <th scope="col">Average watch</th>
                    <th scope="col">Completion</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.lessons.map((row) => (
                    <tr key={row.lesson.id}>
                      <th scope="row">{row.lesson.title}</th>
                      <td>{row.views}</td>
                      <td>{Math.round(row.averageWatchSeconds)} s</td>
                      <td>{percent(row.completionRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : (
        !fetching && !error && <p>No figures for this course.</p>
      )}
      <button type="button" onClick={() => refresh({ requestPolicy: 'network-only' })} disabled={fetching}>
        Refresh stats
      </button>
    </section>
  );
}
