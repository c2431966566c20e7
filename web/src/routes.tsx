import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AssessmentPage } from './pages/AssessmentPage';
import { AttemptResultPage } from './pages/AttemptResultPage';
import { CataloguePage } from './pages/CataloguePage';
import { CertificatesPage } from './pages/CertificatesPage';
import { CoursePage } from './pages/CoursePage';
import { LessonPage } from './pages/LessonPage';
import { LogInPage, SignUpPage } from './pages/AccountPages';
import { MyLearningPage } from './pages/MyLearningPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { VerifyPage } from './pages/VerifyPage';

// The instructor area is its own chunk: learners never download it.
const InstructorRoutes = lazy(() => import('./instructor/InstructorRoutes'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<CataloguePage />} />
      <Route path="/courses/:courseId" element={<CoursePage />} />
      <Route path="/courses/:courseId/lessons/:lessonId" element={<LessonPage />} />
      <Route path="/assessments/:assessmentId" element={<AssessmentPage />} />
      <Route path="/attempts/:attemptId" element={<AttemptResultPage />} />
      <Route path="/learning" element={<MyLearningPage />} />
      <Route path="/certificates" element={<CertificatesPage />} />
      <Route path="/verify/:certificateId" element={<VerifyPage />} />
      <Route path="/login" element={<LogInPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      <Route
        path="/teach/*"
        element={
          <Suspense fallback={<p role="status">Loading…</p>}>
            <InstructorRoutes />
          </Suspense>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
