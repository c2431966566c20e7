import type { Viewer } from '@skillgraph/platform';
import type { MediaLoaders } from './data/loaders';

export interface Context {
  viewer: Viewer;
  loaders: MediaLoaders;
}
