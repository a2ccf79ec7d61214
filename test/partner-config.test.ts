import { describe, expect, it } from 'vitest';
import { readPartnerConfig } from '../src/config/partner.js';

describe('Partner API configuration', () => {
  it('is off without both variables, and names the missing one when only one is set', () => {
    const problems: string[] = [];
    expect(readPartnerConfig({}, '*/5 * * * *', problems)).toBeUndefined();
    expect(readPartnerConfig({ D360_PARTNER_API_KEY: 'k-0123456789' }, '*/5 * * * *', problems)).toBeUndefined();
    expect(problems).toEqual([
      'Partner API discovery needs both variables: set D360_PARTNER_ID (your partner id, ending in PA), or unset the other one.',
    ]);
  });

  it('defaults to the hub base URL and the poll schedule', () => {
    const partner = readPartnerConfig({ D360_PARTNER_API_KEY: 'k-0123456789', D360_PARTNER_ID: 'abcPA' }, '*/3 * * * *', []);
    expect(partner).toMatchObject({ partnerId: 'abcPA', baseUrl: 'https://hub.360dialog.io/api/v2', schedule: '*/3 * * * *' });
    expect(partner?.apiKey.reveal()).toBe('k-0123456789');
  });
});
