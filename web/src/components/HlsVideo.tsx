import { useEffect, useRef, useState } from 'react';

export type PlaybackEvent = 'tick' | 'pause' | 'ended' | 'leave';

interface Props {
  /** The signed HLS master playlist (`MediaAsset.playbackUrl.url`), or the signed original file, used as given. */
  src: string;
  /** `file`: a video file the browser plays itself (a READY video processed without HLS renditions). */
  format?: 'hls' | 'file';
  /** Where to start, in seconds (the learner's last recorded position). */
  startAt: number;
  poster?: string | undefined;
  /** Called with the position every `tickSeconds` of playing, on pause, at the end and on leaving. */
  onPosition: (seconds: number, event: PlaybackEvent) => void;
  tickSeconds?: number;
}

const HLS_MIME = 'application/vnd.apple.mpegurl';

/**
 * A `<video>` playing HLS: through hls.js wherever Media Source Extensions exist (every desktop
 * browser and Android), natively where they do not but the browser plays HLS itself (iOS Safari).
 * hls.js comes first because it behaves the same everywhere and reports its errors (docs/web.md).
 */
export function HlsVideo({ src, format = 'hls', startAt, poster, onPosition, tickSeconds = 10 }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const report = useRef(onPosition);
  report.current = onPosition;

  // Position reports: a timer while playing (not `timeupdate`, which fires several times a second).
  // Declared before the source effect so that, on leaving, the position is read before hls.js lets go.
  useEffect(() => {
    const element = video.current;
    if (!element) return undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const position = () => Math.floor(element.currentTime);
    const onPlay = () => {
      clearInterval(timer);
      timer = setInterval(() => report.current(position(), 'tick'), tickSeconds * 1000);
    };
    const onPause = () => {
      clearInterval(timer);
      if (!element.ended) report.current(position(), 'pause');
    };
    const onEnded = () => {
      clearInterval(timer);
      report.current(position(), 'ended');
    };
    element.addEventListener('play', onPlay);
    element.addEventListener('pause', onPause);
    element.addEventListener('ended', onEnded);
    return () => {
      clearInterval(timer);
      element.removeEventListener('play', onPlay);
      element.removeEventListener('pause', onPause);
      element.removeEventListener('ended', onEnded);
      if (element.currentTime > 0 && !element.ended) report.current(position(), 'leave');
    };
  }, [tickSeconds]);

  useEffect(() => {
    const element = video.current;
    if (!element) return undefined;
    setFailure(null);
    const resumeAt = startAt > 0 ? startAt : -1;
    if (format === 'file') return playNatively(element, src, resumeAt);
    let release = () => {};
    let cancelled = false;
    // hls.js is most of the client's weight and only lesson videos need it: it loads on first use, in
    // its light build (no subtitles, alternate audio or DRM, which lessons do not use).
    import('hls.js/light')
      .then(({ default: Hls }) => {
        if (cancelled) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ startPosition: resumeAt });
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (data.fatal) setFailure(`The video could not be played (${data.details}).`);
          });
          hls.loadSource(src);
          hls.attachMedia(element);
          release = () => hls.destroy();
        } else if (element.canPlayType(HLS_MIME)) {
          release = playNatively(element, src, resumeAt);
        } else {
          setFailure('This browser cannot play HLS video.');
        }
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(`The video player could not be loaded (${error instanceof Error ? error.message : String(error)}).`);
      });
    return () => {
      cancelled = true;
      release();
    };
  }, [src, format, startAt]);

  return (
    <div className="player">
      <video ref={video} aria-label="Lesson video" controls playsInline preload="metadata" poster={poster} />
      {failure && (
        <p role="alert" className="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

/** The browser's own player (a file, or HLS on iOS Safari): the source as given, then a seek to the resume point. */
function playNatively(element: HTMLVideoElement, src: string, resumeAt: number): () => void {
  const seek = () => {
    if (resumeAt > 0 && resumeAt < element.duration - 1) element.currentTime = resumeAt;
  };
  element.addEventListener('loadedmetadata', seek, { once: true });
  element.src = src;
  return () => {
    element.removeEventListener('loadedmetadata', seek);
    element.removeAttribute('src');
    element.load();
  };
}
