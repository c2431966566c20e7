import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useClient } from 'urql';
import type { MediaPurpose } from '../gql/graphql';
import { ErrorAlert } from '../components/ErrorAlert';
import { MULTIPART_THRESHOLD_BYTES, MultipartTransfer, uploadInOnePut } from './upload';

interface Props {
  /** The input's accessible name, e.g. "Cover image" or "Lesson video". */
  label: string;
  accept: string;
  purpose: MediaPurpose;
  /** Attaches the uploaded asset (cover, lesson); its errors are shown like the upload's. */
  onUploaded: (assetId: string) => Promise<void>;
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; filename: string } | { kind: 'paused'; filename: string } | { kind: 'done'; filename: string };

/**
 * A file input that uploads what is chosen straight to storage with a progress bar, then hands the
 * asset to `onUploaded`. Large files go in resumable parts: after a failure a "Resume upload"
 * button continues with the parts not yet stored.
 */
export function MediaUploadField({ label, accept, purpose, onUploaded }: Props) {
  const client = useClient();
  const inputId = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [percent, setPercent] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const transfer = useRef<MultipartTransfer | null>(null);

  const finish = async (filename: string, assetId: string) => {
    transfer.current = null;
    await onUploaded(assetId);
    setPhase({ kind: 'done', filename });
  };

  const start = async (file: File) => {
    setFailure(null);
    setPercent(0);
    setPhase({ kind: 'uploading', filename: file.name });
    const request = { file, purpose, onProgress: (sent: number, total: number) => setPercent(total > 0 ? Math.floor((sent / total) * 100) : 100) };
    try {
      if (file.size > MULTIPART_THRESHOLD_BYTES) {
        transfer.current = new MultipartTransfer(client, request);
        await finish(file.name, await transfer.current.resume());
      } else {
        await finish(file.name, await uploadInOnePut(client, request));
      }
    } catch (error) {
      setFailure((error as Error).message);
      setPhase(transfer.current ? { kind: 'paused', filename: file.name } : { kind: 'idle' });
    }
  };

  const resume = async (filename: string) => {
    if (!transfer.current) return;
    setFailure(null);
    setPhase({ kind: 'uploading', filename });
    try {
      await finish(filename, await transfer.current.resume());
    } catch (error) {
      setFailure((error as Error).message);
      setPhase({ kind: 'paused', filename });
    }
  };

  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void start(file);
  };

  return (
    <div className="upload-field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} type="file" accept={accept} onChange={chosen} disabled={phase.kind === 'uploading'} />
      {phase.kind !== 'idle' && (
        <div className="upload-progress">
          <progress max={100} value={percent} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={`Upload of ${phase.filename}`} />
          <span>
            {phase.kind === 'done'
              ? `${phase.filename} uploaded`
              : phase.kind === 'paused'
                ? `${phase.filename} paused at ${percent}%`
                : `Uploading ${phase.filename}: ${percent}%`}
          </span>
        </div>
      )}
      {phase.kind === 'paused' && (
        <button type="button" onClick={() => void resume(phase.filename)}>
          Resume upload
        </button>
      )}
      <ErrorAlert message={failure} />
    </div>
  );
}
