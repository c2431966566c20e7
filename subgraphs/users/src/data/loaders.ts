import type DataLoader from 'dataloader';
import { loaderById } from '@skillgraph/platform';
import type { UserRecord } from './records';
import type { UserRepository } from './user-repository';

export interface UserLoaders {
  userById: DataLoader<string, UserRecord | null>;
}

/** Per-request loaders: every id asked for in one tick becomes one database query. */
export function createUserLoaders(repository: UserRepository): UserLoaders {
  return {
    userById: loaderById(repository.findByIds),
  };
}
