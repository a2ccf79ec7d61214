import { readFileSync } from 'node:fs';

/** A fixture payload (text) with its placeholders filled: the event time, a message id, a phone number. */
export function webhookFixture(
  name: string,
  fill: { at?: number; wamid?: string; phoneDigits?: string; phoneNumberId?: string } = {},
): string {
  const text = readFileSync(new URL(`../fixtures/webhooks/${name}`, import.meta.url), 'utf8');
  return text
    .replaceAll('__NOW__', String(Math.floor((fill.at ?? Date.now()) / 1000)))
    .replaceAll('__WAMID__', fill.wamid ?? 'wamid.TEST')
    .replaceAll('15550783881', fill.phoneDigits ?? '15550783881')
    .replaceAll('106540352242922', fill.phoneNumberId ?? '106540352242922');
}
