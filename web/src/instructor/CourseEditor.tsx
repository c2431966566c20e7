import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import type { CertificatePolicy } from '../gql/graphql';
import { ErrorAlert } from '../components/ErrorAlert';
import { OperationFailed } from '../errors';
import { AssessmentForm } from './AssessmentForm';
import { AssetStatus } from './AssetStatus';
import { CourseStatsSection } from './CourseStatsSection';
import { MediaUploadField } from './MediaUploadField';
import {
  AddLessonMutation,
  AttachLessonMediaMutation,
  CourseEditorQuery,
  PublishCourseMutation,
  SetCertificatePolicyMutation,
  SetCourseCoverMutation,
} from './operations';

const POLICIES: { value: CertificatePolicy; label: string }[] = [
  { value: 'FINAL_ASSESSMENT', label: 'Passing the final assessment' },
  { value: 'COURSE_COMPLETION', label: 'Completing the course with the final assessment passed' },
];

/** One course being built: lessons and their media, the cover, the assessment, the certificate rule, publishing, stats. */
export function CourseEditor() {
  const { courseId = '' } = useParams();
  const client = useClient();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CourseEditorQuery, variables: { id: courseId } });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [published, publish] = useMutation(PublishCourseMutation);
  const [policyResult, setPolicy] = useMutation(SetCertificatePolicyMutation);
  const [added, addLesson] = useMutation(AddLessonMutation);
  const [lessonTitle, setLessonTitle] = useState('');
  const [lessonMinutes, setLessonMinutes] = useState('5');
  const [addingAssessment, setAddingAssessment] = useState(false);

  // Uploads attach through the client directly: MediaUploadField shows the error next to its input.
  const attach = useCallback(
    async (run: () => Promise<{ error?: CombinedError | undefined }>) => {
      const result = await run();
      if (result.error) throw new OperationFailed(result.error);
      reload();
    },
    [reload],
  );

  const course = data?.course;
  if (!course) {
    if (fetching) return <p role="status">Loading…</p>;
    return (
      <>
        <ErrorAlert error={error} />
        {!error && <p>No course with this id, or it is not yours.</p>}
        <Link to="/teach">Back to your courses</Link>
      </>
    );
  }

  const submitLesson = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addLesson({ courseId: course.id, input: { title: lessonTitle, durationMinutes: Number(lessonMinutes) } });
    if (!result.error) {
      setLessonTitle('');
      reload();
    }
  };

  return (
    <>
      <p>
        <Link to="/teach">Your courses</Link>
      </p>
      <h1>{course.title}</h1>
      <p>
        Status: <strong>{course.status}</strong>
        {course.published && (
          <>
            {' '}
            — <Link to={`/courses/${course.id}`}>see it in the catalogue</Link>
          </>
        )}
      </p>
      {course.description && <p className="description">{course.description}</p>}

      <section aria-labelledby="cover-heading">
        <h2 id="cover-heading">Cover</h2>
        {course.coverImage && <AssetStatus key={course.coverImage.id} asset={course.coverImage} />}
        <MediaUploadField
          label="Cover image"
          accept="image/*"
          purpose="COURSE_COVER"
          onUploaded={(assetId) => attach(() => client.mutation(SetCourseCoverMutation, { courseId: course.id, assetId }).toPromise())}
        />
      </section>

      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">Lessons</h2>
        {course.lessons.length === 0 ? (
          <p>No lessons yet: a course needs at least one to be published.</p>
        ) : (
          <ol className="lesson-editor">
            {course.lessons.map((lesson) => (
              <li key={lesson.id} aria-labelledby={`lesson-${lesson.id}`}>
                <h3 id={`lesson-${lesson.id}`}>{lesson.title}</h3>
                <p>{lesson.durationMinutes} min</p>
                {(lesson.media ?? []).map((asset) => (
                  <AssetStatus key={asset.id} asset={asset} />
                ))}
                <MediaUploadField
                  label="Lesson video"
                  accept="video/*"
                  purpose="COURSE_MATERIAL"
                  onUploaded={(assetId) => attach(() => client.mutation(AttachLessonMediaMutation, { lessonId: lesson.id, assetId }).toPromise())}
                />
                <MediaUploadField
                  label="Lesson document"
                  accept="application/pdf,image/*"
                  purpose="COURSE_MATERIAL"
                  onUploaded={(assetId) => attach(() => client.mutation(AttachLessonMediaMutation, { lessonId: lesson.id, assetId }).toPromise())}
                />
              </li>
            ))}
          </ol>
        )}
        <form onSubmit={(event) => void submitLesson(event)} className="inline-form">
          <label>
            Lesson title
            <input value={lessonTitle} onChange={(event) => setLessonTitle(event.target.value)} required maxLength={120} />
          </label>
          <label>
            Length (minutes)
            <input type="number" min={1} max={600} value={lessonMinutes} onChange={(event) => setLessonMinutes(event.target.value)} required />
          </label>
          <ErrorAlert error={added.error} />
          <button type="submit" disabled={added.fetching}>
            Add lesson
          </button>
        </form>
      </section>

      <section aria-labelledby="assessment-heading">
        <h2 id="assessment-heading">Assessment</h2>
        {(course.assessments ?? []).length > 0 && (
          <ul>
            {(course.assessments ?? []).map((assessment) => (
              <li key={assessment.id}>
                {assessment.title}: {assessment.questions.length} question{assessment.questions.length === 1 ? '' : 's'}, pass at {assessment.passingPercentage}
                %{assessment.timeLimitMinutes ? `, ${assessment.timeLimitMinutes} min` : ''}
                {assessment.final ? ' (final)' : ''}
              </li>
            ))}
          </ul>
        )}
        {(course.assessments ?? []).length === 0 || addingAssessment ? (
          <AssessmentForm
            courseId={course.id}
            onCreated={() => {
              setAddingAssessment(false);
              reload();
            }}
          />
        ) : (
          <button type="button" onClick={() => setAddingAssessment(true)}>
            Add another assessment
          </button>
        )}
      </section>

      <section aria-labelledby="certificate-heading">
        <h2 id="certificate-heading">Certificate</h2>
        <label>
          Certificate earned by
          <select
            className="instructor-select"
            value={course.certificatePolicy}
            onChange={(event) => void setPolicy({ courseId: course.id, policy: event.target.value as CertificatePolicy }).then(reload)}
            disabled={policyResult.fetching}
          >
            {POLICIES.map((policy) => (
              <option key={policy.value} value={policy.value}>
                {policy.label}
              </option>
            ))}
          </select>
        </label>
        <ErrorAlert error={policyResult.error} />
      </section>

      <section aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publishing</h2>
        <ErrorAlert error={published.error} />
        {course.published ? (
          <p>Published: learners find it in the catalogue.</p>
        ) : (
          <button type="button" onClick={() => void publish({ id: course.id }).then(reload)} disabled={published.fetching}>
            Publish
          </button>
        )}
      </section>

      <CourseStatsSection courseId={course.id} />
    </>
  );
}
