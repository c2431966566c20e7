import { processEnv, runSubgraph } from '@skillgraph/platform';
import { loadStorageConfig, openMediaStorage } from '@skillgraph/platform/src/storage';
import { loadMediaPublicUrl, loadMediaSettings } from './config';
import { buildMediaSubgraph } from './server';

// Distributed mode: the media subgraph alone (see runSubgraph for its settings; docs/media.md for
// storage, CDN and media settings). A bad media setting is reported like any other.
void runSubgraph(
  'media',
  async (runtime) => {
    const env = processEnv();
    const publicBaseUrl = loadMediaPublicUrl(env);
    const storage = await openMediaStorage(loadStorageConfig(env), () => publicBaseUrl);
    return buildMediaSubgraph(runtime, { storage, settings: loadMediaSettings(env), publicBaseUrl });
  },
  4004,
  { settings: [loadMediaPublicUrl, loadStorageConfig, loadMediaSettings] },
);
