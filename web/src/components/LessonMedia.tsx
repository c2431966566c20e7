import type { LessonPageQuery } from '../gql/graphql';
import { HlsVideo, type PlaybackEvent } from './HlsVideo';

type Asset = NonNullable<NonNullable<LessonPageQuery['course']>['lessons'][number]['media']>[number];

/** The statuses an asset passes through before a learner can use it, in words. */
const WAITING: Partial<Record<Asset['status'], string>> = {
  PENDING_UPLOAD: 'is still being uploaded',
  UPLOADED: 'is waiting to be checked',
  SCANNING: 'is being checked',
  CLEAN: 'is waiting to be processed',
  PROCESSING: 'is being processed',
};

interface Props {
  media: Asset[];
  resumeAt: number;
  onPosition: (seconds: number, event: PlaybackEvent) => void;
}

/** A lesson's files: videos through HLS, images, and documents as links to the file. */
export function LessonMedia({ media, resumeAt, onPosition }: Props) {
  if (media.length === 0) return <p>This lesson has no files.</p>;
  return (
    <div className="lesson-media">
      {media.map((asset) => (
        <figure key={asset.id}>
          <AssetView asset={asset} resumeAt={resumeAt} onPosition={onPosition} />
        </figure>
      ))}
    </div>
  );
}

function AssetView({ asset, resumeAt, onPosition }: { asset: Asset } & Omit<Props, 'media'>) {
  if (asset.status === 'INFECTED' || asset.status === 'FAILED') return <p>{asset.filename} cannot be shown.</p>;
  const waiting = WAITING[asset.status];
  if (asset.kind === 'VIDEO') {
    if (asset.status === 'READY' && asset.playbackUrl)
      return <HlsVideo src={asset.playbackUrl.url} startAt={resumeAt} poster={asset.thumbnailUrl?.url} onPosition={onPosition} />;
    // Processed without HLS renditions (no transcoder where it ran): the original file still plays.
    if (asset.status === 'READY' && asset.url)
      return <HlsVideo src={asset.url.url} format="file" startAt={resumeAt} poster={asset.thumbnailUrl?.url} onPosition={onPosition} />;
    return <p role="status">The video {waiting ?? 'is not available yet'}.</p>;
  }
  const url = asset.url?.url;
  if (!url) return <p role="status">{`${asset.filename} ${waiting ?? 'is not available yet'}.`}</p>;
  if (asset.kind === 'IMAGE') return <img src={asset.thumbnailUrl?.url ?? url} alt={asset.filename} />;
  if (asset.kind === 'AUDIO') return <audio controls src={url} aria-label={asset.filename} />;
  return (
    <a href={url} target="_blank" rel="noopener">
      Open {asset.filename}
      {asset.contentType === 'application/pdf' ? ' (PDF)' : ''}
    </a>
  );
}
