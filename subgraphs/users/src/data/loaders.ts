import DataLoader from 'dataloader';
import type { UserRecord } from './records';
import type { UserRepository } from './user-repository';

export interface UserLoaders {
  userById: DataLoader<string, UserRecord | null>;
}

/** Per-request loaders: every id asked for in one tick becomes one database query. */
export function createUserLoaders(repository: UserRepository): UserLoaders {
  return {
    userById: new DataLoader(async (ids) => {
      const found = new Map((await repository.findByIds(ids)).map((user) => [user._id, user]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
