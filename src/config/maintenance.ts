import { clip } from '../text/clip.js';

/**
 * numbers.yml `maintenance:` — one-off windows `{start, end, reason}` (ISO times) and recurring ones
 * `{every: daily|weekly, at: "HH:MM", for: "2h", day?: mon…sun, reason}` (UTC). Problems name the entry.
 */
export type ScheduledWindow =
  | { readonly kind: 'once'; readonly start: number; readonly end: number; readonly reason?: string }
  | { readonly kind: 'daily' | 'weekly'; readonly atMin: number; readonly forMs: number; readonly day?: number; readonly reason?: string };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = UNIT_MS.d;

/** `30m`, `2h`, `1d` (at most 31 days); undefined for anything else. */
export function parseDuration(text: string, maxMs = 31 * DAY_MS): number | undefined {
  const m = /^(\d{1,4})(m|h|d)$/i.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[(m[2] as string).toLowerCase() as keyof typeof UNIT_MS];
  return ms > 0 && ms <= maxMs ? ms : undefined;
}

function parseOne(raw: unknown, where: string, problems: string[]): ScheduledWindow | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${where} is not a mapping: use {start, end, reason} or {every, at, for, reason}.`);
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const reason = typeof r.reason === 'string' && r.reason.trim() ? { reason: clip(r.reason.trim(), 200) } : {};
  if (r.every === undefined) {
    const start = Date.parse(String(r.start ?? ''));
    const end = Date.parse(String(r.end ?? ''));
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      problems.push(`${where} needs start and end as ISO times, end after start (like 2026-12-01T02:00:00Z).`);
      return undefined;
    }
    return { kind: 'once', start, end, ...reason };
  }
  const at = /^(\d{2}):(\d{2})$/.exec(String(r.at ?? ''));
  const forMs = parseDuration(String(r.for ?? ''), 7 * DAY_MS);
  const day = r.day === undefined ? undefined : DAYS.indexOf(String(r.day).toLowerCase().slice(0, 3));
  const before = problems.length;
  if (r.every !== 'daily' && r.every !== 'weekly') problems.push(`${where} has every "${String(r.every)}": use daily or weekly.`);
  if (!at || Number(at[1]) > 23 || Number(at[2]) > 59) problems.push(`${where} needs at: "HH:MM" (UTC).`);
  if (forMs === undefined) problems.push(`${where} needs for: a duration like 30m, 2h or 1d (at most 7 days).`);
  if (r.every === 'weekly' && (day === undefined || day < 0)) problems.push(`${where} is weekly: add day: mon, tue, … or sun.`);
  if (problems.length > before || !at || forMs === undefined) return undefined;
  const atMin = Number(at[1]) * 60 + Number(at[2]);
  return { kind: r.every as 'daily' | 'weekly', atMin, forMs, ...(day !== undefined && day >= 0 ? { day } : {}), ...reason };
}

export function parseMaintenance(raw: unknown, label: string, problems: string[]): ScheduledWindow[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${label} maintenance must be a list of windows.`);
    return [];
  }
  return raw.map((w, i) => parseOne(w, `${label} maintenance entry ${i + 1}`, problems)).filter((w) => w !== undefined);
}

/** The window in force at `now`, if any (the one ending last when several overlap). */
export function activeWindow(windows: readonly ScheduledWindow[], now: number): { until: number; reason?: string } | undefined {
  let best: { until: number; reason?: string } | undefined;
  const consider = (start: number, end: number, reason?: string) => {
    if (start <= now && now < end && (!best || end > best.until)) best = { until: end, ...(reason ? { reason } : {}) };
  };
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  for (const w of windows) {
    if (w.kind === 'once') consider(w.start, w.end, w.reason);
    // A recurring window may have begun up to 7 days ago (its `for` is at most 7 days).
    else
      for (let back = 0; back <= 7; back++) {
        const start = today - back * DAY_MS + w.atMin * 60_000;
        if (w.kind === 'weekly' && new Date(start).getUTCDay() !== w.day) continue;
        consider(start, start + w.forMs, w.reason);
      }
  }
  return best;
}
