import type { WaNumber } from '../../src/config/numbers.js';
import { Secret } from '../../src/config/secret.js';

/** A configured number whose key selects its script on the fake 360dialog. */
export function testNumber(key: string, baseUrl: string, api: WaNumber['api'] = 'cloud', name = 'Support line'): WaNumber {
  return { name, phone: '+49 30 1234567', api, apiKeyEnv: 'D360_KEY_TEST', apiKey: new Secret(key), baseUrl };
}
