import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Stack } from '../../../packages/stack/src';
import { postGraphQL } from '../../../packages/stack/test/support/graphql';
import { login, ok, type Client } from '../../../packages/stack/test/support/learning-loop';
import { REPO_ROOT } from '../../../packages/stack/test/support/stack';
import type { PageWatch } from './page-watch';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'web');

/** Every wait in the flow has one of these deadlines; none is a pause. */
export const WAIT = { ui: 15_000, processing: 90_000, playback: 30_000 } as const;

/**
 * Names the steps of a browser run, screenshots the page after each one to
 * `test-artifacts/web/<viewport>/<nn>-<step>.png`, and says which step failed and why (including
 * what the page logged wrong before the failure).
 */
export class Steps {
  private count = 0;

  constructor(
    private readonly viewport: string,
    private readonly watch: PageWatch,
  ) {}

  async run(page: Page, name: string, action: () => Promise<void>): Promise<void> {
    this.count += 1;
    const file = path.join(ARTIFACTS_DIR, this.viewport, `${String(this.count).padStart(2, '0')}-${name}.png`);
    try {
      await action();
    } catch (error) {
      await page.screenshot({ path: file.replace(/\.png$/, '-FAILED.png'), fullPage: true }).catch(() => undefined);
      const logged = this.watch.problems.length ? `\npage problems so far:\n${this.watch.problems.join('\n')}` : '';
      throw new Error(`[${this.viewport}] step "${name}" failed: ${(error as Error).message}${logged}`);
    }
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
  }
}

interface UsersPage {
  edges: { node: { id: string; email: string | null } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What an admin does for a new instructor: the INSTRUCTOR role, through the API (docs/identity.md). */
export async function promoteToInstructor(stack: Stack, email: string): Promise<void> {
  const admin = await login(stack, 'admin@skillgraph.dev');
  let after: string | null = null;
  for (;;) {
    const users: UsersPage = ok(
      await admin.gql<{ users: UsersPage }>(
        'query ($after: String) { users(first: 100, after: $after) { edges { node { id email } } pageInfo { hasNextPage endCursor } } }',
        { after },
      ),
    ).users;
    const found = users.edges.find((edge) => edge.node.email === email);
    if (found) {
      ok(await admin.gql('mutation ($id: ID!) { changeUserRole(userId: $id, role: INSTRUCTOR) { id role } }', { id: found.node.id }));
      return;
    }
    if (!users.pageInfo.hasNextPage) throw new Error(`no account with the email ${email}`);
    after = users.pageInfo.endCursor;
  }
}

/** Signs in through the API with any password (a role change shows in the token of a new sign-in). */
export async function signInByApi(stack: Stack, email: string, password: string): Promise<Client> {
  const { login: session } = ok(
    await postGraphQL<{ login: { accessToken: string; user: { id: string } } }>(
      stack.gatewayUrl,
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { id } } }',
      {
        email,
        password,
      },
    ),
  );
  const authorization = `Bearer ${session.accessToken}`;
  return {
    id: session.user.id,
    token: session.accessToken,
    gql: (query, variables = {}) => postGraphQL(stack.gatewayUrl, query, variables, { authorization }),
  };
}
