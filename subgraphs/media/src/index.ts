import { runSubgraph } from '@skillgraph/platform';
import { buildMediaSubgraph } from './server';

// Distributed mode: the media subgraph alone (see runSubgraph for its settings).
void runSubgraph('media', (runtime) => buildMediaSubgraph(runtime), 4004);
