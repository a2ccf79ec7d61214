import { MONITORING, type WaNumber } from '../../config/numbers.js';
import { escapeText } from '../escape.js';

/** The number a card button names. Button values are escaped like all card text, so compare both forms. */
export function numberOf(numbers: readonly WaNumber[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === MONITORING) return value;
  return numbers.find((n) => n.name === value || escapeText(n.name) === value)?.name;
}
