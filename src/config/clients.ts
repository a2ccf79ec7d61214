import { isChannelId } from './channel-id.js';

/** numbers.yml's optional top-level `clients: { <name>: { channel: C… } }`: where each client's cards go. */
export type ClientChannels = ReadonlyMap<string, string>;

/** Reads and checks the map; every problem names the file, the client and the fix. Names match case-insensitively. */
export function readClients(file: string, raw: unknown, problems: string[]): ClientChannels {
  const out = new Map<string, string>();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${file} has "clients:" that is not a mapping: write clients: { <client name>: { channel: C0123456789 } }.`);
    return out;
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const channel = typeof value === 'object' && value !== null ? (value as { channel?: unknown }).channel : undefined;
    const unknown = typeof value === 'object' && value !== null ? Object.keys(value).filter((k) => k !== 'channel') : [];
    if (unknown.length > 0) problems.push(`${file} client "${name}" has unknown field(s) ${unknown.join(', ')}: only channel is allowed.`);
    if (typeof channel !== 'string' || !isChannelId(channel.trim()))
      problems.push(`${file} client "${name}" needs channel: <a channel ID like C0123456789>.`);
    else out.set(name.trim().toLowerCase(), channel.trim());
  }
  return out;
}
