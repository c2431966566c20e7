/** One rung of the HLS ladder: target height and bit rates (H.264 video, AAC audio). */
export interface LadderRung {
  name: string;
  height: number;
  videoKbps: number;
  audioKbps: number;
}

/** Apple's HLS authoring guidance, rounded: the rungs the design names (480p/720p/1080p). */
export const DEFAULT_LADDER: readonly LadderRung[] = [
  { name: '480p', height: 480, videoKbps: 1400, audioKbps: 96 },
  { name: '720p', height: 720, videoKbps: 2800, audioKbps: 128 },
  { name: '1080p', height: 1080, videoKbps: 5000, audioKbps: 160 },
];

/**
 * The rungs not above the source (never upscale). A source below the lowest rung gets one rung at
 * its own height (rounded down to even, as H.264 4:2:0 needs), with the lowest rung's bit rates.
 */
export function ladderFor(sourceHeight: number, ladder: readonly LadderRung[] = DEFAULT_LADDER): LadderRung[] {
  const fitting = ladder.filter((rung) => rung.height <= sourceHeight).sort((a, b) => a.height - b.height);
  if (fitting.length > 0) return fitting;
  const lowest = [...ladder].sort((a, b) => a.height - b.height)[0];
  const height = Math.max(2, sourceHeight - (sourceHeight % 2));
  return [{ name: `${height}p`, height, videoKbps: lowest?.videoKbps ?? 800, audioKbps: lowest?.audioKbps ?? 96 }];
}
