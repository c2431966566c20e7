/**
 * Before anything is measured: every target must answer the same requests with the same bodies,
 * without errors. A gateway that errors fast is not fast.
 */
import { isDeepStrictEqual } from 'node:util';
import { requestBody, type BenchFixtures, type Workload } from './workloads';
import type { RunTarget } from './load';

/** Requests per workload compared across targets. */
const SAMPLES = 5;

/**
 * Signed URLs carry a signature and an expiry that depend on the moment they were signed (a
 * window of minutes): comparing them would compare clocks, not gateways. Only their path counts.
 */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]): [string, unknown] => {
      if (key === 'expiresAt') return [key, inner === null ? null : 'signed'];
      if (key === 'url' && typeof inner === 'string') return [key, inner.split('?')[0]];
      return [key, normalise(inner)];
    });
    return Object.fromEntries(entries);
  }
  return value;
}

async function answer(target: RunTarget, workload: Workload, i: number, fixtures: BenchFixtures): Promise<unknown> {
  const { body, headers } = requestBody(workload, i, fixtures);
  const response = await fetch(target.url, { method: 'POST', headers: { ...headers, ...target.headers }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${workload.name} request ${i} to ${target.url}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (parsed.errors) throw new Error(`${workload.name} request ${i} to ${target.url}: errors ${JSON.stringify(parsed.errors).slice(0, 300)}`);
  return normalise(parsed);
}

/** Throws, naming the workload and targets, at the first difference or error. */
export async function verifyIdenticalAnswers(targets: Record<string, RunTarget>, workload: Workload, fixtures: BenchFixtures): Promise<void> {
  const names = Object.keys(targets);
  for (let i = 0; i < SAMPLES; i += 1) {
    const reference = await answer(targets[names[0]!]!, workload, i, fixtures);
    for (const name of names.slice(1)) {
      const other = await answer(targets[name]!, workload, i, fixtures);
      if (!isDeepStrictEqual(reference, other)) {
        throw new Error(
          `${workload.name} request ${i}: ${name} answers differently from ${names[0]}:\n${JSON.stringify(other).slice(0, 400)}\nvs\n${JSON.stringify(reference).slice(0, 400)}`,
        );
      }
    }
  }
}
