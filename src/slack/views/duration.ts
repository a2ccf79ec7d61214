const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45 s", "23 min", "2 h 5 min", "3 d 4 h": durations as people say them, rounded down. */
export function formatDuration(ms: number): string {
  const t = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (t < MINUTE) return `${Math.floor(t / SECOND)} s`;
  if (t < HOUR) return `${Math.floor(t / MINUTE)} min`;
  if (t < DAY) {
    const minutes = Math.floor((t % HOUR) / MINUTE);
    return `${Math.floor(t / HOUR)} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((t % DAY) / HOUR);
  return `${Math.floor(t / DAY)} d${hours > 0 ? ` ${hours} h` : ''}`;
}
