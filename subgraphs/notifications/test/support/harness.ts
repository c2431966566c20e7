import { setTimeout as sleep } from 'node:timers/promises';
import type { MailDeliverySettings } from '@skillgraph/platform/src/mail';
import { startTestStack } from '../../../../packages/stack/test/support/stack';
import { postGraphQL, type GraphQLResponse } from '../../../../packages/stack/test/support/graphql';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

export { postGraphQL };

/** Polls until `check` holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

// Tests retry quickly; the production defaults (30 s doubling) would only make them wait.
export const FAST_DELIVERY: Partial<MailDeliverySettings> = {
  retryBackoffMs: 20,
  maxBackoffMs: 200,
  maxAttempts: 20,
  pollMs: 50,
  rateLimit: 1000,
  rateWindowMs: 1000,
};

export interface MailStack {
  stack: Awaited<ReturnType<typeof startTestStack>>;
  smtp: SmtpPeer;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** The whole system in memory, mailing a real SMTP peer started for the test. */
export async function startMailStack(
  options: { delivery?: Partial<MailDeliverySettings>; seed?: boolean; tokenKey?: Buffer; concurrency?: number } = {},
): Promise<MailStack> {
  const smtp = await startSmtpPeer();
  const stack = await startTestStack({
    seed: options.seed ?? false,
    mail: {
      smtpUrl: smtp.url,
      appUrl: 'https://app.skillgraph.test',
      delivery: { ...FAST_DELIVERY, ...options.delivery },
      ...(options.tokenKey ? { tokenKey: options.tokenKey } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    },
  });
  return {
    stack,
    smtp,
    gql: (query, variables = {}, token) => postGraphQL(stack.gatewayUrl, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
    async stop() {
      await stack.stop();
      await smtp.stop();
    },
  };
}

export const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id name } } }`;

export interface Registered {
  id: string;
  accessToken: string;
  refreshToken: string;
}

export async function register(mail: MailStack, email: string, name = 'Ada Lovelace', password = 'analytical-engine-1843'): Promise<Registered> {
  const response = await mail.gql<{ register: { accessToken: string; refreshToken: string; user: { id: string } } }>(REGISTER, {
    input: { email, name, password },
  });
  if (!response.data?.register) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  const { accessToken, refreshToken, user } = response.data.register;
  return { id: user.id, accessToken, refreshToken };
}
