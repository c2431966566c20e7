/** Dates and durations as people read them, in the browser's locale. */

export const formatDate = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'long' });

export const formatPercent = (value: number): string => `${Math.round(value * 100) / 100}%`;

/** `mm:ss` (or `h:mm:ss`) for a number of seconds, never negative. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
