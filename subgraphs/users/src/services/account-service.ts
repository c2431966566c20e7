import {
  assertRole,
  assertSignedIn,
  badUserInput,
  hashPassword,
  needsRehash,
  newId,
  normalizeEmail,
  notFound,
  parseId,
  tooManyAttempts,
  unauthenticated,
  verifyPasswordOrDummy,
  type LoginThrottle,
  type Role,
  type Viewer,
} from '@skillgraph/platform';
import type { UserRecord } from '../data/records';
import { emailTaken, type UserRepository } from '../data/user-repository';
import { checkName, checkRegistration } from './account-input';
import type { Session, SessionService } from './sessions';

// The same words whether the email is unknown or the password wrong.
const loginFailed = () => unauthenticated('The email address or password is incorrect.');

export interface AccountServiceDependencies {
  users: UserRepository;
  sessions: SessionService;
  throttle: LoginThrottle;
  clock: () => Date;
}

export type AccountService = ReturnType<typeof createAccountService>;

/** Sign-up, sign-in and account changes; every check runs before the first write. */
export function createAccountService({ users, sessions, throttle, clock }: AccountServiceDependencies) {
  return {
    /** New accounts are always STUDENTs; an admin promotes them later. */
    async register(input: { email: string; password: string; name: string }): Promise<Session> {
      const registration = checkRegistration(input);
      // Cheap early answer; the unique index still decides when two sign-ups race.
      if (await users.findByEmailKey(registration.emailKey)) throw emailTaken();
      const now = clock();
      const user = await users.insert({
        _id: newId(),
        name: registration.name,
        email: registration.email,
        emailKey: registration.emailKey,
        passwordHash: await hashPassword(registration.password),
        role: 'STUDENT',
        createdAt: now,
        updatedAt: now,
      });
      return sessions.start(user);
    },

    /**
     * Unknown emails cost a full password verification and count against the throttle like wrong
     * passwords, so neither the answer, its timing nor a lock-out tells whether an account exists.
     */
    async login(email: string, password: string, clientAddress: string): Promise<Session> {
      const normalised = normalizeEmail(email);
      const accountKey = normalised.ok ? normalised.email : email.trim().toLowerCase();
      const verdict = await throttle.check(accountKey, clientAddress);
      if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterMs);
      const user = normalised.ok ? await users.findByEmailKey(accountKey) : null;
      const passwordMatches = await verifyPasswordOrDummy(user?.passwordHash, password);
      if (!user || !passwordMatches) {
        const after = await throttle.recordFailure(accountKey, clientAddress);
        throw after.allowed ? loginFailed() : tooManyAttempts(after.retryAfterMs);
      }
      await throttle.recordSuccess(accountKey);
      // Hashes made with older, weaker parameters are upgraded while the password is at hand.
      if (needsRehash(user.passwordHash)) await users.update(user._id, { passwordHash: await hashPassword(password) }, clock());
      return sessions.start(user);
    },

    async updateProfile(viewer: Viewer, input: { name?: string | null }): Promise<UserRecord> {
      const me = assertSignedIn(viewer);
      const changes = input.name === undefined || input.name === null ? {} : { name: checkName(input.name, 'input.name') };
      const updated = await users.update(me.id, changes, clock());
      // A valid token for an account that is gone: the session cannot continue.
      if (!updated) throw unauthenticated();
      return updated;
    },

    /** Admins only (checked here as well as by the resolver guard); never one's own role, so the last admin cannot lock everyone out. */
    async changeRole(viewer: Viewer, userId: string, role: Role): Promise<UserRecord> {
      const admin = assertRole(viewer, ['ADMIN']);
      const id = parseId(userId, 'userId');
      if (id === admin.id) throw badUserInput('You cannot change your own role.', 'userId');
      const updated = await users.update(id, { role }, clock());
      if (!updated) throw notFound('User');
      return updated;
    },
  };
}
