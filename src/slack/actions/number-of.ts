import { RESERVED_NAME, type WaNumber } from '../../numbers.js';
import { escapeText } from '../escape.js';

/** The number a card button names. Button values are escaped like all card text, so compare both forms. */
export function numberOf(numbers: readonly WaNumber[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === RESERVED_NAME) return value;
  return numbers.find((n) => n.name === value || escapeText(n.name) === value)?.name;
}
