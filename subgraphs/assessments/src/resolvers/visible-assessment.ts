import type { Context } from '../context';
import type { AssessmentRecord } from '../data/records';
import { canView } from '../services/assessment-access';

/** The assessment when it exists and the viewer may see its course; both loads are batched. */
export async function visibleAssessment(id: string, { viewer, loaders }: Context): Promise<AssessmentRecord | null> {
  const assessment = await loaders.assessmentById.load(id);
  if (!assessment || assessment.status === 'DELETED') return null;
  return canView(viewer, await loaders.courseById.load(assessment.courseId)) ? assessment : null;
}
