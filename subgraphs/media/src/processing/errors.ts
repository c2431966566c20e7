/**
 * Stable codes for refusals by an unpacking bound. They lead the failure reason the API shows
 * (`ARCHIVE_TOO_LARGE: The document unpacks to more than 64 MiB.`), so a client can branch on the
 * code while a person reads the sentence; docs/media-processing.md lists them.
 */
export type FailureCode =
  | 'ARCHIVE_INVALID'
  | 'ARCHIVE_TOO_LARGE'
  | 'ARCHIVE_RATIO_TOO_HIGH'
  | 'ARCHIVE_TOO_MANY_ENTRIES'
  | 'IMAGE_TOO_LARGE'
  | 'PDF_TOO_MANY_PAGES'
  | 'MEDIA_TOO_LONG'
  | 'VIDEO_RESOLUTION_TOO_HIGH'
  | 'PROCESSING_TIMED_OUT';

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
    readonly code?: FailureCode,
  ) {
    super(`${code ? `${code}: ` : ''}${detail ? `${safeReason} (${detail})` : safeReason}`);
  }

  /** What the asset's owner is told: the code first when there is one. */
  get publicReason(): string {
    return this.code ? `${this.code}: ${this.safeReason}` : this.safeReason;
  }
}

export const permanentFailure = (safeReason: string, detail?: string): ProcessingFailure => new ProcessingFailure(safeReason, true, detail);
export const transientFailure = (safeReason: string, detail?: string): ProcessingFailure => new ProcessingFailure(safeReason, false, detail);
/** A bound on unpacking was crossed: permanent, since the same file crosses it again. */
export const limitExceeded = (code: FailureCode, safeReason: string, detail?: string): ProcessingFailure =>
  new ProcessingFailure(safeReason, true, detail, code);
