import { close, listen } from './http-server.js';

/** 360dialog's status page as a Statuspage v2 summary, whose answer a test sets. */
export interface FakeStatusPage {
  readonly url: string;
  /** The JSON served next; a number answers with that HTTP status instead. */
  answer: unknown;
  /** Requests answered so far: each one a read of the page the bot has finished with. */
  readonly answered: number;
  close(): Promise<void>;
}

export const ALL_CLEAR = {
  page: { id: 'x', name: '360dialog' },
  status: { indicator: 'none', description: 'All Systems Operational' },
  components: [
    { id: 'c1', name: 'Cloud API', status: 'operational' },
    { id: 'c2', name: 'Documentation', status: 'operational' },
  ],
  incidents: [],
};

export const CLOUD_API_DEGRADED = {
  ...ALL_CLEAR,
  status: { indicator: 'minor', description: 'Partially Degraded Service' },
  components: [
    { id: 'c1', name: 'Cloud API', status: 'degraded_performance' },
    { id: 'c2', name: 'Documentation', status: 'major_outage' },
  ],
  incidents: [{ id: 'i1', name: 'Elevated error rates on message sending', status: 'investigating', started_at: '2026-11-30T14:02:00Z' }],
};

export async function startFakeStatusPage(): Promise<FakeStatusPage> {
  const fake = { answer: ALL_CLEAR as unknown, answered: 0 };
  const { server, url } = await listen((_req, res) => {
    res.once('finish', () => {
      fake.answered += 1;
    });
    if (typeof fake.answer === 'number') return void res.writeHead(fake.answer).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fake.answer));
  });
  return Object.assign(fake, { url: `${url}/api/v2/summary.json`, close: () => close(server) });
}
