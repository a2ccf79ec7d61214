import { MONITORING, type WaNumber } from '../../config/numbers.js';
import { isGroupId } from '../../core/grouping.js';
import { escapeText } from '../escape.js';

/** The number a card button names. Button values are escaped like all card text, so compare both forms. */
export function numberOf(numbers: readonly WaNumber[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // The monitoring card and group cards name their records, not a configured number.
  if (value === MONITORING || isGroupId(value)) return value;
  return numbers.find((n) => n.name === value || escapeText(n.name) === value)?.name;
}
