import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER, PROMO, paused, restriction, templateQuality, unpaused, banState } from './support/meta-payloads.js';
import { type SignalBot, startSignalBot } from './support/signal-bot.js';

let s: SignalBot;
beforeAll(async () => {
  s = await startSignalBot(['Pause line', 'Restrict line']);
});
afterAll(() => s?.close());

describe('a clear ends its own condition only, and the card says so in place', () => {
  it('shows a lifted pause at once while another template stays YELLOW', async () => {
    await s.send('Pause line', paused(ORDER, s.next()));
    await s.shows('Pause line', /Template paused[\s\S]*order_update/);
    await s.send('Pause line', templateQuality(PROMO, 'GREEN', 'YELLOW', s.next()));
    await s.shows('Pause line', /Template quality YELLOW[\s\S]*spring_promo/);
    await s.send('Pause line', unpaused(ORDER, s.next()));
    // The lead and the headline now speak of the template still at risk, not of the pause that ended.
    await s.shows('Pause line', /order_update \(en_US\) — _earlier, not seen now_/);
    const card = s.card('Pause line');
    console.log('CARD>>', card, '\nTEXT>>', s.cards('Pause line')[0]?.text);
    expect(card).not.toMatch(/PAUSED[^\n]*\(\+1 more\)/);
    expect(card).toMatch(/spring_promo/);
    expect(s.cards('Pause line')[0]?.text).not.toMatch(/paused/i);
    expect(card).not.toMatch(/Resolved after/);
    expect(s.cards('Pause line')).toHaveLength(1);
  });

  it('keeps a messaging restriction open when a calling one of the same number is lifted by its own reinstatement', async () => {
    await s.send('Restrict line', restriction(['RESTRICTED_BIZ_INITIATED_MESSAGING'], s.next()));
    await s.shows('Restrict line', /RESTRICTED_BIZ_INITIATED_MESSAGING/);
    await s.send('Restrict line', banState('REINSTATE', s.next()));
    await s.shows('Restrict line', /Resolved after/);
  });
});
