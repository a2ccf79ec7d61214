import type { EngineInput } from '../core/engine.js';
import { isGroupId } from '../core/grouping.js';
import { emptyRecord, type Incident, isOpen, type NumberRecord } from '../core/records.js';
import { tell } from '../core/story.js';
import { type RecordStore, UNCHANGED } from '../store/record-store.js';
import type { RecheckResult } from './monitor-api.js';
import type { Poller } from './poller.js';

export const RECHECK_COOLDOWN_MS = 30_000;
/** Members a Re-check on a group card polls: enough to see whether the outage holds. */
const GROUP_RECHECK_SAMPLE = 3;

/** Re-check on a card: poll the number now, at most once per 30 s per number, and apply the answer like any other. */
export function createRecheck(options: {
  readonly poller: Poller;
  readonly records: RecordStore<NumberRecord>;
  readonly now: () => number;
  readonly apply: (number: string, input: EngineInput, at: number) => Promise<void>;
  /** A group's members, and the regrouping their fresh answers call for. */
  readonly members: (groupId: string) => readonly string[];
  readonly regroup: () => Promise<void>;
}) {
  const { poller, records, now, apply } = options;
  const recheckNumber = async (number: string, by: string): Promise<RecheckResult> => {
    if (!poller.numbers.some((n) => n.name === number)) return { kind: 'unknown-number' };
    const at = now();
    // Claim the slot before polling, so a double click cannot start two checks.
    let waitMs = 0;
    await records.update(number, (current) => {
      const record = current ?? emptyRecord(number);
      const since = at - (record.lastRecheckAt ?? Number.NEGATIVE_INFINITY);
      if (since < RECHECK_COOLDOWN_MS) {
        waitMs = RECHECK_COOLDOWN_MS - since;
        return UNCHANGED;
      }
      return { ...record, lastRecheckAt: at };
    });
    if (waitMs > 0) return { kind: 'too-soon', waitMs };
    const observation = await poller.checkOne(number);
    if (!observation) return { kind: 'unknown-number' };
    await apply(number, { kind: 'observation', observation, by }, observation.at);
    return { kind: 'checked', observation };
  };
  /** The group's own story keeps who asked: its members' answers (and who asked) are in their own records. */
  const noteOnGroup = (id: string, by: string) =>
    records.update(id, (current) => {
      if (!current || !isOpen(current.incident)) return UNCHANGED;
      // The store hands every update its own copy: changed in place, nothing shared is touched.
      tell(current.incident as Incident, { kind: 'rechecked', at: now(), by });
      return current;
    });
  // On a group card: re-check a few of its members; their answers move the group.
  return async (number: string, by: string): Promise<RecheckResult> => {
    if (!isGroupId(number)) return recheckNumber(number, by);
    let first: RecheckResult = { kind: 'unknown-number' };
    for (const member of options.members(number).slice(0, GROUP_RECHECK_SAMPLE)) {
      const result = await recheckNumber(member, by);
      if (first.kind !== 'checked') first = result;
    }
    if (first.kind === 'checked') await noteOnGroup(number, by);
    await options.regroup();
    return first;
  };
}
