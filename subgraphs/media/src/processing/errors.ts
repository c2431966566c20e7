/**
 * Why a processor gave up. `permanent` failures (a corrupt or unsupported file) are never retried;
 * the others (a tool that timed out, a scanner that did not answer) are worth another attempt.
 * `safeReason` is shown to the asset's owner, so it never carries paths or tool output.
 */
export class ProcessingFailure extends Error {
  override readonly name = 'ProcessingFailure';
  constructor(
    readonly safeReason: string,
    readonly permanent: boolean,
    /** Tool output and other details for the logs only. */
    readonly detail?: string,
  ) {
    super(detail ? `${safeReason} (${detail})` : safeReason);
  }
}

export const permanentFailure = (safeReason: string, detail?: string): ProcessingFailure => new ProcessingFailure(safeReason, true, detail);
export const transientFailure = (safeReason: string, detail?: string): ProcessingFailure => new ProcessingFailure(safeReason, false, detail);
