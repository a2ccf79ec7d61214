import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * An API key that cannot leak by accident: printing, logging or serialising it shows a marker.
 * Only the HTTP client calls `reveal()`.
 */
export class Secret {
  readonly #value: string;
  #fingerprint: string | undefined;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  /** A short, stable fingerprint: tells keys apart (was the key changed?) without storing the key. */
  fingerprint(): string {
    this.#fingerprint ??= createHash('sha256').update(this.#value).digest('hex').slice(0, 16);
    return this.#fingerprint;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}
