import { channelOfGroup, isGroupId } from '../core/grouping.js';
import type { WaNumber } from './numbers.js';

/**
 * Where a record's cards go: a number's own channel (numbers.yml `channel:`, or its client's), else the
 * incident channel; a group's channel is part of its id. The one place this is decided — the monitor
 * groups by it, the notifier paces by it, the digest sums by it.
 */
export function channelRouter(numbers: readonly WaNumber[], defaultChannel: string): (id: string) => string {
  const own = new Map(numbers.flatMap((n) => (n.channel ? [[n.name, n.channel] as const] : [])));
  return (id) => (isGroupId(id) ? channelOfGroup(id) : (own.get(id) ?? defaultChannel));
}
