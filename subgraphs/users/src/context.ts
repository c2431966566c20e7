import type { Viewer } from '@skillgraph/platform';
import type { UserLoaders } from './data/loaders';
import type { UserRepository } from './data/user-repository';

export interface Context {
  viewer: Viewer;
  loaders: UserLoaders;
  users: UserRepository;
}
