import { nextDeadline } from '../core/deadline.js';
import { type EngineInput, type EngineOptions, step } from '../core/engine.js';
import { emptyRecord, isNumberRecord, type NumberRecord } from '../core/records.js';
import { type RecordStore, UNCHANGED } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';
import { createDeadlineIndex, type DeadlineIndex } from './deadline-index.js';
import { isSameData } from './same-data.js';

/** Records per store transaction: a few hundred rows make one short statement. */
export const MAX_BATCH = 256;

/** One engine input for one record, at a time. */
export interface Application {
  readonly number: string;
  readonly input: EngineInput;
  readonly at: number;
}

/** Where the applier's news goes: who else keeps an index of the records (grouping, the notifier). */
export interface ApplierListener {
  /** A record was stepped and written (or written elsewhere and handed to `settle`); undefined: deleted. */
  settled(number: string, after: NumberRecord | undefined): void;
  /** A record as read from the store when the deadline index loads: never one settled since the read. */
  loaded(number: string, record: NumberRecord): void;
}

export interface Applier {
  /** Steps one record through the engine and writes it; a step that changes nothing writes nothing. */
  apply(number: string, input: EngineInput, at: number): Promise<NumberRecord | undefined>;
  /** Several applications in one store transaction. Resolves with the ones that failed (each logged). */
  applyMany(batch: readonly Application[]): Promise<Application[]>;
  /** A record written elsewhere (a group record): indexed and told like one stepped here. */
  settle(number: string, after: NumberRecord | undefined): void;
  /** Reads every stored record's deadline, once; a failed read is tried again by the next call. */
  load(): Promise<void>;
  /** Ticks every record whose deadline has come (and `isKnown` accepts); a record whose tick failed stays due. */
  tickDue(at: number, isKnown: (id: string) => boolean): Promise<void>;
  /** Sets where news goes: wired once the other parts exist (they need the applier, and it tells them). */
  listen(listener: ApplierListener): void;
}

export interface ApplierOptions {
  readonly records: RecordStore<NumberRecord>;
  readonly engine: EngineOptions;
  readonly logger: Logger;
}

/** The engine's step as a store update; a step that changes nothing (most ticks, repeated clicks) writes nothing. */
const stepperOf =
  (engine: EngineOptions) =>
  ({ number, input, at }: Application) =>
  (current: NumberRecord | undefined) => {
    const before = current ?? emptyRecord(number);
    const after = step(before, input, at, engine);
    return isSameData(before, after) ? UNCHANGED : after;
  };

/**
 * Applies engine inputs to stored records and keeps the index of when each record next needs a
 * tick. The index is filled from the store on first use and kept current by every step. One closure,
 * longer than a screen: the load's guard against older copies is state that settling and the loader share.
 */
export function createApplier(options: ApplierOptions): Applier {
  const { records, engine, logger } = options;
  let listener: ApplierListener = { settled: () => {}, loaded: () => {} };
  const deadlines = createDeadlineIndex();
  let loading: Promise<void> | undefined;
  /**
   * Records settled while the index loads: the loader may hold an older copy of one, read before the
   * step, whose deadline (and open conditions) would overwrite the newer ones. The loader skips them.
   */
  let settledDuringLoad: Set<string> | undefined;

  const stepper = stepperOf(engine);
  const settle = (number: string, after: NumberRecord | undefined) => {
    deadlines.set(number, after ? nextDeadline(after, engine) : undefined);
    settledDuringLoad?.add(number);
    listener.settled(number, after);
  };

  const applyMany = async (batch: readonly Application[]): Promise<Application[]> => {
    const results = await records.updateMany(batch.map((a) => ({ id: a.number, fn: stepper(a) })));
    const failed: Application[] = [];
    for (const [i, result] of results.entries()) {
      const application = batch[i] as Application;
      if (result.status === 'fulfilled') settle(application.number, result.value);
      else {
        failed.push(application);
        logger.error(
          `applying a ${application.input.kind} to ${application.number} failed`,
          result.reason,
          fields({ number: application.number }),
        );
      }
    }
    return failed;
  };

  const readIndex = async () => {
    settledDuringLoad = new Set();
    try {
      for await (const page of records.entries()) {
        for (const [number, record] of page) {
          if (settledDuringLoad.has(number) || !isNumberRecord(record)) continue;
          deadlines.set(number, nextDeadline(record, engine));
          listener.loaded(number, record);
        }
      }
    } finally {
      settledDuringLoad = undefined;
    }
  };

  return {
    async apply(number, input, at) {
      const after = await records.update(number, stepper({ number, input, at }));
      settle(number, after);
      return after;
    },
    applyMany,
    settle,
    async load() {
      loading ??= readIndex().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      await loading;
    },
    tickDue: (at, isKnown) => tickDue(deadlines, applyMany, logger, at, isKnown),
    listen(next) {
      listener = next;
    },
  };
}

/** A tick for every record due, in batches; the records of a batch that failed stay due for the next tick. */
async function tickDue(
  deadlines: DeadlineIndex,
  applyMany: Applier['applyMany'],
  logger: Logger,
  at: number,
  isKnown: (id: string) => boolean,
): Promise<void> {
  const due = deadlines.takeDue(at).filter((d) => isKnown(d.id));
  for (let i = 0; i < due.length; i += MAX_BATCH) {
    const slice = due.slice(i, i + MAX_BATCH);
    const failed = await applyMany(slice.map((d) => ({ number: d.id, input: { kind: 'tick' }, at }))).catch((error: unknown) => {
      logger.error(`a tick over ${slice.length} record(s) failed`, error);
      return slice.map((d) => ({ number: d.id }));
    });
    for (const { number } of failed) if (deadlines.get(number) === undefined) deadlines.set(number, at);
  }
}
