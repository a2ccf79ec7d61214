import type { Server } from 'node:http';
import { close, listen } from './http-server.js';

export interface FakeChannel {
  id: string;
  status: string;
  current_quality_rating: string;
  current_limit?: string;
  setup_info: { phone_number: string; phone_name: string };
  waba_account: { id: string; status: string };
  client_id?: string;
}

export interface FakePartnerApi {
  readonly url: string;
  /** Every request as received: method, path with query, the X-API-Key header. */
  readonly requests: Array<{ method: string; path: string; apiKey: string | undefined }>;
  /** The channels it lists; tests change them between two listings. */
  readonly channels: FakeChannel[];
  /** Requests that would create an API key (and so revoke the number's existing ones). */
  keyCreations(): Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

/** 360dialog's Partner API, reduced to GET /partners/{id}/channels?limit&offset over `count` channels. */
export async function startFakePartnerApi(partnerId: string, apiKey: string, count = 250): Promise<FakePartnerApi> {
  const channels: FakeChannel[] = Array.from({ length: count }, (_, i) => ({
    id: `CH${String(i).padStart(5, '0')}`,
    status: 'ready',
    current_quality_rating: 'GREEN',
    current_limit: 'TIER_10K',
    setup_info: { phone_number: `+49 151 ${String(1000000 + i)}`, phone_name: `Line ${i}` },
    waba_account: { id: `WA${i}`, status: 'approved' },
  }));
  const requests: FakePartnerApi['requests'] = [];
  const { server, url }: { server: Server; url: string } = await listen((req, res) => {
    const key = req.headers['x-api-key'];
    requests.push({ method: req.method ?? '', path: req.url ?? '', apiKey: typeof key === 'string' ? key : undefined });
    const u = new URL(req.url ?? '/', url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (key !== apiKey) return send(401, { error: 'invalid api key' });
    if (req.method !== 'GET' || u.pathname !== `/api/v2/partners/${partnerId}/channels`) return send(404, { error: 'not here' });
    const limit = Number(u.searchParams.get('limit') ?? 20);
    const offset = Number(u.searchParams.get('offset') ?? 0);
    const page = channels.slice(offset, offset + limit);
    send(200, { count: page.length, total: channels.length, limit, offset, sort: ['id'], filters: {}, partner_channels: page });
  });
  return {
    url: `${url}/api/v2`,
    requests,
    channels,
    keyCreations: () => requests.filter((r) => r.method !== 'GET' || /api_keys|api-keys|token/.test(r.path)),
    close: () => close(server),
  };
}
