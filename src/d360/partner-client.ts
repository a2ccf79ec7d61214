import got, { RequestError } from 'got';
import type { Secret } from '../config/secret.js';
import { BotError } from '../errors.js';

/** One channel (phone number) as 360dialog's Partner API lists it; only what the monitor reads. */
export interface PartnerChannel {
  readonly id: string;
  readonly clientId?: string;
  readonly phone?: string;
  readonly name?: string;
  readonly status?: string;
  readonly wabaId?: string;
  readonly wabaStatus?: string;
  readonly qualityRating?: string;
  readonly messagingLimit?: string;
}

/**
 * Read-only by design: it lists channels and nothing else. It must never gain a method that
 * creates API keys (POST …/channels/{id}/api_keys): a new key revokes every existing key of the number.
 */
export interface PartnerClient {
  listChannels(): Promise<PartnerChannel[]>;
}

/** A listing the Partner API refused or failed: one of the bot's errors (code PARTNER_API_FAILED). */
export class PartnerApiError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PARTNER_API_FAILED', message, options);
  }
}

const PAGE = 100;
/** A runaway `total` cannot keep us paging forever. */
const MAX_PAGES = 500;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** Field names as the Partner API's channel model and filters name them; the value sets are not documented, so kept as text. */
function channelOf(raw: unknown): PartnerChannel | undefined {
  const c = obj(raw);
  const id = str(c.id);
  if (!id) return undefined;
  const setup = obj(c.setup_info);
  const waba = obj(c.waba_account);
  const fields: Array<[keyof PartnerChannel, string | undefined]> = [
    ['clientId', str(c.client_id)],
    ['phone', str(setup.phone_number)],
    ['name', str(setup.phone_name)],
    ['status', str(c.status)],
    ['wabaId', str(waba.external_id) ?? str(waba.id)],
    ['wabaStatus', str(waba.status) ?? str(waba.fb_account_status)],
    ['qualityRating', str(c.current_quality_rating)],
    ['messagingLimit', str(c.current_limit) ?? str(c.max_daily_conversations_per_business)],
  ];
  return { id, ...Object.fromEntries(fields.filter(([, v]) => v !== undefined)) };
}

/** GET {base}/partners/{partnerId}/channels, every page (limit/offset), with the X-API-Key header. */
export function createPartnerClient(options: { baseUrl: string; partnerId: string; apiKey: Secret; timeoutMs?: number }): PartnerClient {
  const client = got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    responseType: 'json',
    followRedirect: false,
    timeout: { request: options.timeoutMs ?? 15_000 },
    headers: { accept: 'application/json', 'user-agent': 'wa-health-bot', 'X-API-Key': options.apiKey.reveal() },
    retry: { limit: 2, methods: ['GET'] },
  });
  const path = `partners/${encodeURIComponent(options.partnerId)}/channels`;
  return {
    async listChannels() {
      const out: PartnerChannel[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        let body: Json;
        try {
          body = obj((await client.get(path, { searchParams: { limit: PAGE, offset: page * PAGE } })).body);
        } catch (error) {
          // got's error carries the request headers, the key among them: keep status and code only.
          const status = error instanceof RequestError ? error.response?.statusCode : undefined;
          const code = error instanceof RequestError ? error.code : 'unknown';
          throw new PartnerApiError(`listing partner channels failed: ${status ? `HTTP ${status}` : code}`);
        }
        const items = Array.isArray(body.partner_channels) ? body.partner_channels : [];
        out.push(...items.map(channelOf).filter((c): c is PartnerChannel => c !== undefined));
        const total = Number(body.total);
        if (items.length < PAGE || (Number.isFinite(total) && out.length >= total)) break;
      }
      return out;
    },
  };
}
