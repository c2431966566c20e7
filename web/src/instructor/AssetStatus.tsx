import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import type { AssetStateFragment } from '../gql/graphql';
import { messageOf } from '../errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { AssetStatusQuery } from './operations';

/** Statuses an asset does not leave by itself: polling stops there. */
const SETTLED = new Set(['READY', 'FAILED', 'INFECTED']);
const POLL_MS = 1000;

/**
 * An asset's processing status, asked again every second until it settles (READY, FAILED or
 * INFECTED), so the instructor sees UPLOADED → PROCESSING (n%) → READY without reloading.
 */
export function AssetStatus({ asset }: { asset: AssetStateFragment }) {
  const client = useClient();
  const [state, setState] = useState(asset);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (SETTLED.has(state.status)) return;
    const timer = setTimeout(() => {
      void client
        .query(AssetStatusQuery, { id: state.id }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((result) => {
          if (result.error) setFailure(messageOf(result.error));
          else if (result.data?.mediaAsset) setState(result.data.mediaAsset);
        });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [client, state]);

  const progress = state.status === 'PROCESSING' && state.progress !== null && state.progress !== undefined ? ` (${state.progress}%)` : '';
  return (
    <div className="asset-status">
      <p role="status">
        {state.filename}: <strong>{state.status}</strong>
        {progress}
      </p>
      {state.failureReason && <p className="failure">{state.failureReason}</p>}
      <ErrorAlert message={failure} />
    </div>
  );
}
