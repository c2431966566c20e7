import {
  assertRole,
  assertSignedIn,
  badUserInput,
  conflict,
  hashPassword,
  needsRehash,
  newId,
  normalizeEmail,
  notFound,
  parseId,
  tooManyAttempts,
  unauthenticated,
  verifyPasswordOrDummy,
  type AnyEvent,
  type LoginThrottle,
  type Role,
  type Viewer,
} from '@skillgraph/platform';
import type { UserRecord } from '../data/records';
import { emailTaken, type UserChanges, type UserRepository } from '../data/user-repository';
import { profileChanged, roleChanged, userRegistered } from '../events/user-events';
import { checkName, checkRegistration } from './account-input';
import type { Session, SessionService } from './sessions';

// The same words whether the email is unknown or the password wrong.
const loginFailed = () => unauthenticated('The email address or password is incorrect.');

export interface AccountServiceDependencies {
  users: UserRepository;
  sessions: SessionService;
  throttle: LoginThrottle;
  clock: () => Date;
  /** Nudged after a write staged events, so the relay publishes them now rather than at its next poll. */
  outbox: { notify(): void };
}

interface PlannedChange {
  /** Field values the change was computed from; the write applies only if they still hold. */
  expected: Partial<UserRecord>;
  changes: UserChanges;
  events: AnyEvent[];
}

const MAX_ATTEMPTS = 3;

export type AccountService = ReturnType<typeof createAccountService>;

/** Sign-up, sign-in and account changes; every check runs before the first write. */
export function createAccountService({ users, sessions, throttle, clock, outbox }: AccountServiceDependencies) {
  /**
   * Read, plan, write-if-unchanged: the events always describe the change that was really made.
   * Null when the user does not exist.
   */
  async function change(id: string, plan: (before: UserRecord) => PlannedChange): Promise<UserRecord | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = await users.findById(id);
      if (!before) return null;
      const { expected, changes, events } = plan(before);
      if (Object.keys(changes).length === 0) return before;
      const saved = await users.updateIf(id, expected, changes, clock(), events);
      if (saved) {
        if (events.length > 0) outbox.notify();
        return saved;
      }
    }
    throw conflict('The account was changed by someone else at the same time. Try again.');
  }

  return {
    /** New accounts are always STUDENTs; an admin promotes them later. */
    async register(input: { email: string; password: string; name: string }): Promise<Session> {
      const registration = checkRegistration(input);
      // Cheap early answer; the unique index still decides when two sign-ups race.
      if (await users.findByEmailKey(registration.emailKey)) throw emailTaken();
      const now = clock();
      const record: UserRecord = {
        _id: newId(),
        name: registration.name,
        email: registration.email,
        emailKey: registration.emailKey,
        passwordHash: await hashPassword(registration.password),
        role: 'STUDENT',
        createdAt: now,
        updatedAt: now,
      };
      const user = await users.insert(record, userRegistered(record));
      outbox.notify();
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
      await throttle.recordSuccess(accountKey, clientAddress);
      // Hashes made with older, weaker parameters are upgraded while the password is at hand.
      if (needsRehash(user.passwordHash)) {
        await users.updateIf(user._id, { passwordHash: user.passwordHash }, { passwordHash: await hashPassword(password) }, clock());
      }
      return sessions.start(user);
    },

    async updateProfile(viewer: Viewer, input: { name?: string | null }): Promise<UserRecord> {
      const me = assertSignedIn(viewer);
      const name = input.name === undefined || input.name === null ? undefined : checkName(input.name, 'input.name');
      const updated = await change(me.id, (before) => {
        const events = profileChanged(before, { name }, clock());
        return { expected: { name: before.name }, changes: events.length > 0 && name !== undefined ? { name } : {}, events };
      });
      // A valid token for an account that is gone: the session cannot continue.
      if (!updated) throw unauthenticated();
      return updated;
    },

    /** Admins only (checked here as well as by the resolver guard); never one's own role, so the last admin cannot lock everyone out. */
    async changeRole(viewer: Viewer, userId: string, role: Role): Promise<UserRecord> {
      const admin = assertRole(viewer, ['ADMIN']);
      const id = parseId(userId, 'userId');
      if (id === admin.id) throw badUserInput('You cannot change your own role.', 'userId');
      const updated = await change(id, (before) => {
        const events = roleChanged(before, role, admin.id, clock());
        return { expected: { role: before.role }, changes: events.length > 0 ? { role } : {}, events };
      });
      if (!updated) throw notFound('User');
      return updated;
    },
  };
}
