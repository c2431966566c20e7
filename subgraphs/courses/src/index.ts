import { runSubgraph } from '@skillgraph/platform';
import { buildCoursesSubgraph } from './server';

// Distributed mode: the courses subgraph alone (see runSubgraph for its settings).
void runSubgraph('courses', (runtime) => buildCoursesSubgraph(runtime), 4002);
