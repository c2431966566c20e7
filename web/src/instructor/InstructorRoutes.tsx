import { Route, Routes } from 'react-router-dom';
import { RequireSignIn } from '../components/RequireSignIn';
import { useSession } from '../session';
import { CourseEditor } from './CourseEditor';
import { TeachHome } from './TeachHome';
import './instructor.css';

/**
 * `/teach/*`: the instructor area. New accounts are students; an admin gives the INSTRUCTOR role
 * (docs/identity.md), which this client sees at its next token refresh (docs/web.md).
 */
export default function InstructorRoutes() {
  const { viewer } = useSession();
  return (
    <RequireSignIn what="the instructor area">
      {viewer?.role === 'INSTRUCTOR' || viewer?.role === 'ADMIN' ? (
        <Routes>
          <Route index element={<TeachHome />} />
          <Route path="courses/:courseId" element={<CourseEditor />} />
        </Routes>
      ) : (
        <>
          <h1>Teach</h1>
          <p>Teaching needs an instructor account: ask an administrator to make yours one, then sign in again.</p>
        </>
      )}
    </RequireSignIn>
  );
}
