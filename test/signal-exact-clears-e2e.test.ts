import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountUpdate, banState, ORDER, PROMO, paused, restriction, templateQuality, unpaused } from './support/meta-payloads.js';
import { type SignalBot, startSignalBot } from './support/signal-bot.js';

let s: SignalBot;
beforeAll(async () => {
  s = await startSignalBot(['Pause line', 'Restrict line', 'Repeat line', 'Expiry line']);
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
    // The last-check line says what the latest webhook said — the pause lifted — not the pause.
    expect(card).toMatch(/Last checked[^\n]*from a webhook · message_template_status_update: template order_update \(en_US\) unpaused/);
    expect(card).not.toMatch(/Last checked[^\n]*PAUSED/);
    expect(card).toMatch(/spring_promo/);
    expect(s.cards('Pause line')[0]?.text).not.toMatch(/paused/i);
    expect(card).not.toMatch(/Resolved after/);
    expect(s.cards('Pause line')).toHaveLength(1);
  });

  it('holds each restriction type as its own line: a second type does not replace the first, a reinstatement ends both', async () => {
    await s.send('Restrict line', restriction(['RESTRICTED_BIZ_INITIATED_MESSAGING'], s.next()));
    await s.shows('Restrict line', /RESTRICTED_BIZ_INITIATED_MESSAGING/);
    await s.send('Restrict line', restriction(['RESTRICTED_CUSTOMER_INITIATED_MESSAGING'], s.next()));
    await s.shows('Restrict line', /RESTRICTED_CUSTOMER_INITIATED_MESSAGING/);
    expect(s.card('Restrict line').match(/:red_circle: \*RESTRICTED_\w+\* Account restricted/g)).toHaveLength(2);
    await s.send('Restrict line', banState('REINSTATE', s.next()));
    await s.shows('Restrict line', /Resolved after/);
  });

  it('applies a second pause and lift of the same template: the same value at another time is a new event', async () => {
    const line = 'Repeat line';
    await s.send(line, paused(ORDER, s.next()));
    await s.shows(line, /🟠 Repeat line is degraded[\s\S]*Template paused[^\n]*order_update/);
    await s.send(line, unpaused(ORDER, s.next()));
    await s.shows(line, /Resolved after/);
    // Meta sends the very same value for the second pause and its lift; only the event time tells them apart.
    await s.send(line, paused(ORDER, s.next()));
    await s.shows(line, /🟠 Repeat line is degraded/);
    await s.send(line, unpaused(ORDER, s.next()));
    await s.shows(line, /Resolved after/);
    expect(s.cards(line)).toHaveLength(1);
  });

  it('ends a restriction type when the expiration Meta announced passes, and only that one', async () => {
    const line = 'Expiry line';
    await s.send(line, restriction(['RESTRICTED_BIZ_INITIATED_MESSAGING'], s.next()));
    // An end before the event itself, as on Meta's own example: nothing to go by, the restriction stays.
    const sent = s.next();
    const stale = [{ restriction_type: 'RESTRICTED_CUSTOMER_INITIATED_MESSAGING', expiration: Math.floor(sent / 1000) - 2 }];
    await s.send(line, accountUpdate('ACCOUNT_RESTRICTION', sent, { restriction_info: stale }));
    // Calling restricted until two seconds from now (Meta gives the end in Unix seconds).
    const soon = Math.floor(Date.now() / 1000) + 2;
    const calling = [{ restriction_type: 'RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING', expiration: soon }];
    await s.send(line, accountUpdate('ACCOUNT_RESTRICTION', s.next(), { restriction_info: calling }));
    await s.shows(line, /Calling restricted[^\n]*RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING(?! —)/);
    await s.shows(line, /Calling restricted[^\n]* — _earlier, not seen now_/);
    expect(s.card(line)).toMatch(/Last checked[^\n]*restriction RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING expired/);
    // The messaging restriction, seven days long, stays.
    expect(s.card(line)).toMatch(/🔴 Expiry line is down/);
    expect(s.card(line)).not.toMatch(/some messaging is blocked[^\n]*— _earlier/);
    expect(s.card(line)).toMatch(/some messaging is blocked: RESTRICTED_CUSTOMER_INITIATED_MESSAGING\n/);
  });
});
