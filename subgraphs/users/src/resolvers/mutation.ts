import type { MutationResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import type { Session } from '../services/sessions';

// The request has now proved who it is; see `Context.signedInNow`.
async function signedIn(context: Context, session: Promise<Session>): Promise<Session> {
  const done = await session;
  context.signedInNow.add(done.user._id);
  return done;
}

export const Mutation: MutationResolvers = {
  register: (_parent, { input }, context) => signedIn(context, context.accounts.register(input)),
  login: (_parent, { email, password }, context) => signedIn(context, context.accounts.login(email, password, context.clientAddress)),
  refreshToken: (_parent, { token }, context) => signedIn(context, context.sessions.refresh(token)),
  logout: (_parent, { refreshToken }, { sessions }) => sessions.logout(refreshToken),
  updateProfile: (_parent, { input }, { viewer, accounts }) => accounts.updateProfile(viewer, input),
  changeUserRole: (_parent, { userId, role }, { viewer, accounts }) => accounts.changeRole(viewer, userId, role),
  requestPasswordReset: (_parent, { email }, { recovery, clientAddress }) => recovery.requestPasswordReset(email, clientAddress),
  resetPassword: (_parent, { token, newPassword }, { recovery }) => recovery.resetPassword(token, newPassword),
  requestEmailVerification: (_parent, _args, { viewer, recovery, clientAddress }) => recovery.requestEmailVerification(viewer, clientAddress),
  // The token proved the account: its holder may see its own email in the answer.
  verifyEmail: async (_parent, { token }, context) => {
    const user = await context.recovery.verifyEmail(token);
    context.signedInNow.add(user._id);
    return user;
  },
};
