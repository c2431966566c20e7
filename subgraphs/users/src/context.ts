import type { Viewer } from '@skillgraph/platform';
import type { UserLoaders } from './data/loaders';
import type { UserRepository } from './data/user-repository';
import type { AccountRecoveryService } from './services/account-recovery';
import type { AccountService } from './services/account-service';
import type { SessionService } from './services/sessions';

export interface Context {
  viewer: Viewer;
  /** The client's address as the gateway reports it; keys the per-client login throttle. */
  clientAddress: string;
  /**
   * Users this request has just proved to be (register, login, refresh): their AuthPayload may show
   * them their own email although the request itself carried no token.
   */
  signedInNow: Set<string>;
  loaders: UserLoaders;
  users: UserRepository;
  accounts: AccountService;
  sessions: SessionService;
  recovery: AccountRecoveryService;
}
