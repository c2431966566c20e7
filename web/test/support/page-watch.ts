import type { Page } from 'playwright-core';

/**
 * Everything a page does wrong during a run: console errors, uncaught exceptions, and GraphQL
 * responses carrying `errors`. Errors are allowed only inside `deliberately(...)`, which must see
 * at least one (a step that expects a refusal and gets none is a failure too).
 */
export class PageWatch {
  readonly problems: string[] = [];
  private readonly pending = new Set<Promise<void>>();
  private allowed: { step: string; seen: number } | null = null;
  private toleratedConsole: RegExp | null = null;

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (this.toleratedConsole?.test(message.text())) return;
      this.problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (new URL(response.url()).pathname !== '/graphql' || response.request().method() !== 'POST') return;
      const operation = (response.request().postDataJSON() as { operationName?: string } | null)?.operationName ?? 'anonymous operation';
      const read = response
        .json()
        .then((body: { errors?: { message: string; extensions?: { code?: string } }[] }) => {
          if (!body.errors?.length) return;
          if (this.allowed) this.allowed.seen += 1;
          else this.problems.push(`GraphQL errors in ${operation}: ${JSON.stringify(body.errors)}`);
        })
        .catch((error: Error) => {
          // A body the page navigated away from cannot be read; anything else is a finding.
          if (!/Target (page|closed)|No resource|closed/.test(error.message))
            this.problems.push(`unreadable /graphql response for ${operation}: ${error.message}`);
        })
        .finally(() => this.pending.delete(read));
      this.pending.add(read);
    });
  }

  /** Runs a step whose GraphQL errors are expected (e.g. a wrong password), and checks one came. */
  async deliberately(step: string, action: () => Promise<void>): Promise<void> {
    this.allowed = { step, seen: 0 };
    try {
      await action();
      await this.settle();
      if (this.allowed.seen === 0) this.problems.push(`step "${step}" expected a GraphQL error and got none`);
    } finally {
      this.allowed = null;
    }
  }

  /** Runs a step in which the browser is expected to log failed loads matching `pattern` (a connection cut on purpose). */
  async tolerateConsoleErrors(pattern: RegExp, action: () => Promise<void>): Promise<void> {
    this.toleratedConsole = pattern;
    try {
      await action();
    } finally {
      this.toleratedConsole = null;
    }
  }

  /** Waits until every response seen so far has been read. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
