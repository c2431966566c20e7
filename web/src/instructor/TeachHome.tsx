import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../components/ErrorAlert';
import { CreateCourseMutation, TeachingCoursesQuery } from './operations';

/** The instructor's courses, and the form that starts a new one (a draft until published). */
export function TeachHome() {
  const [{ data, error }] = useQuery({ query: TeachingCoursesQuery });
  const [created, createCourse] = useMutation(CreateCourseMutation);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createCourse({ input: { title, description } });
    if (result.data) await navigate(`/teach/courses/${result.data.createCourse.id}`);
  };

  const courses = data?.me?.coursesTaught ?? [];
  return (
    <>
      <h1>Teach</h1>
      <section aria-labelledby="new-course-heading">
        <h2 id="new-course-heading">New course</h2>
        <form onSubmit={(event) => void submit(event)}>
          <label>
            Title
            <input value={title} onChange={(event) => setTitle(event.target.value)} required minLength={3} maxLength={120} />
          </label>
          <label>
            Description
            <textarea value={description} onChange={(event) => setDescription(event.target.value)} maxLength={5000} rows={4} />
          </label>
          <ErrorAlert error={created.error} />
          <button type="submit" disabled={created.fetching}>
            Create course
          </button>
        </form>
      </section>
      <section aria-labelledby="taught-heading">
        <h2 id="taught-heading">Your courses</h2>
        <ErrorAlert error={error} />
        {courses.length === 0 ? (
          <p>You teach no courses yet.</p>
        ) : (
          <ul className="course-list">
            {courses.map((course) => (
              <li key={course.id}>
                <Link to={`/teach/courses/${course.id}`}>{course.title}</Link> — {course.status.toLowerCase()}, {course.lessons.length} lesson
                {course.lessons.length === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
