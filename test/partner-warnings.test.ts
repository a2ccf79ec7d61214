import { describe, expect, it } from 'vitest';
import type { NumberRecord, PartnerDrop, PartnerWarning } from '../src/core/records.js';
import type { PartnerChannel } from '../src/d360/partner-client.js';
import { createPartnerWarnings, dropsOf, recover } from '../src/monitor/partner-warnings.js';
import { openStore } from '../src/store/open.js';
import { createLogger } from '../src/telemetry/log.js';
import { partnerWarningMessage } from '../src/slack/views/partner-warning-blocks.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';

const channel = (over: Partial<PartnerChannel> = {}): PartnerChannel => ({
  id: 'CH1',
  name: 'Care',
  phone: '+49 151 1000001',
  qualityRating: 'GREEN',
  messagingLimit: 'TIER_10K',
  ...over,
});

describe('what a Partner API listing counts as a drop', () => {
  it('is a lower quality rating or a smaller messaging limit, never a rise or an unreadable value', () => {
    expect(dropsOf(channel(), channel({ qualityRating: 'YELLOW' })).map((d) => [d.kind, d.from, d.to])).toEqual([
      ['quality', 'GREEN', 'YELLOW'],
    ]);
    expect(dropsOf(channel(), channel({ messagingLimit: 'TIER_2K' })).map((d) => [d.kind, d.from, d.to])).toEqual([
      ['limit', 'TIER_10K', 'TIER_2K'],
    ]);
    expect(dropsOf(channel({ qualityRating: 'RED' }), channel({ qualityRating: 'YELLOW' }))).toEqual([]);
    expect(dropsOf(channel(), channel({ messagingLimit: 'TIER_UNLIMITED' }))).toEqual([]);
    expect(dropsOf(channel(), channel({ qualityRating: 'UNKNOWN', messagingLimit: 'lots' }))).toEqual([]);
  });

  it('recovers a drop only once the channel is back at its earlier value or better', () => {
    const [drop] = dropsOf(channel(), channel({ qualityRating: 'RED' }));
    const warning: PartnerWarning = { listedAt: 1, drops: [drop as PartnerDrop] };
    expect(recover(warning, new Map([['CH1', channel({ qualityRating: 'YELLOW' })]]), 2)).toBe(false);
    expect(recover(warning, new Map([['CH1', channel({ qualityRating: 'GREEN' })]]), 4)).toBe(true);
    expect(warning.drops[0]).toMatchObject({ recoveredAt: 4, recoveredTo: 'GREEN' });
    expect(recover(warning, new Map([['CH1', channel({ qualityRating: 'GREEN' })]]), 5)).toBe(false);
  });

  it('closes a drop whose channel a listing no longer shows outside numbers.yml (added there, or gone)', () => {
    const warning: PartnerWarning = { listedAt: 1, drops: dropsOf(channel(), channel({ messagingLimit: 'TIER_250' })) };
    expect(recover(warning, new Map(), 2)).toBe(true);
    expect(warning.drops[0]).toMatchObject({ goneAt: 2 });
    expect(visibleText(partnerWarningMessage(warning, 'x'))).toMatch(/nothing of this listing is left open[\s\S]*no longer listed/);
  });
});

describe('the warnings kept in the store', () => {
  it('deletes a resolved warning once its last edit went out, so records do not pile up', async () => {
    const store = await openStore('memory://partner-warnings');
    const records = store.records<NumberRecord>('number');
    const changed: string[] = [];
    const logger = createLogger({ level: 'error', write: () => {} });
    const warnings = createPartnerWarnings({
      records,
      open: store.document('partner:open-warnings'),
      changed: (id) => changed.push(id),
      logger,
    });
    const delivered = (id: string) => records.update(id, (r) => r && { ...r, outbox: [] });

    await warnings.listed([channel({ qualityRating: 'RED' })], dropsOf(channel(), channel({ qualityRating: 'RED' })), 10);
    const [id = ''] = changed;
    expect((await records.get(id))?.outbox.map((i) => i.effect.kind)).toEqual(['post-card']);
    await delivered(id);
    await warnings.listed([channel()], [], 20);
    expect((await records.get(id))?.incident?.status).toBe('resolved');
    expect((await records.get(id))?.outbox.map((i) => i.effect.kind)).toEqual(['update-card']);
    // Its edit not yet delivered: kept.
    await warnings.listed([channel()], [], 30);
    expect(await records.get(id)).toBeDefined();
    await delivered(id);
    await warnings.listed([channel()], [], 40);
    expect(await records.get(id)).toBeUndefined();
    expect(await records.ids()).toEqual([]);
    await store.close();
  });
});

describe('the Partner API warning message', () => {
  it('escapes what the Partner API names, so a channel name cannot ping the channel', () => {
    const drops = dropsOf(channel(), channel({ name: '<!channel> *bold* <https://x|y>', qualityRating: 'RED' }));
    const message = partnerWarningMessage({ listedAt: 0, drops }, 'partner-warning:0#0');
    expect(blockKitProblems(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });

  it('stays within Block Kit limits when thousands of channels dropped at once', () => {
    const drops = Array.from({ length: 5000 }, (_, i) =>
      dropsOf(channel({ id: `CH${i}` }), channel({ id: `CH${i}`, name: `Line ${i}`, qualityRating: 'RED' })),
    ).flat();
    const message = partnerWarningMessage({ listedAt: 0, drops }, 'partner-warning:0#0');
    expect(blockKitProblems(message)).toEqual([]);
    expect(visibleText(message)).toMatch(/5000 drop\(s\)/);
    expect(visibleText(message)).toMatch(/more not shown/);
  });
});
