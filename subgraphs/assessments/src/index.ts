import { runSubgraph } from '@skillgraph/platform';
import { loadCertificateSettings } from './config';
import { buildAssessmentsSubgraph } from './server';

// Distributed mode: the assessments subgraph alone (see runSubgraph for its settings).
void runSubgraph('assessments', (runtime) => buildAssessmentsSubgraph(runtime, { certificates: loadCertificateSettings() }), 4003, {
  settings: [loadCertificateSettings],
});
