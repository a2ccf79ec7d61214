import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The bot's Prometheus metrics, served at GET /metrics. prom-client does the exposition format,
 * histograms and the default process metrics; this module keeps the one table of names, so a typo
 * in a caller is a type error. Each bot has its own registry (never prom-client's global one), so
 * a test process can build several bots.
 */
type Labels = Readonly<Record<string, string>>;

const DEFINITIONS = {
  wa_health_polls_total: { type: 'counter', help: 'Health polls by the state they found.', labels: ['state'] },
  wa_health_webhook_requests_total: { type: 'counter', help: '360dialog webhook calls by outcome.', labels: ['outcome'] },
  wa_health_webhook_events_total: { type: 'counter', help: 'Webhook events by what became of them.', labels: ['result'] },
  wa_health_webhook_errors_total: { type: 'counter', help: 'Errors carried by webhook events, by code.', labels: ['code'] },
  wa_health_slack_calls_total: {
    type: 'counter',
    help: 'Slack deliveries by Web API method, effect and outcome.',
    labels: ['method', 'effect', 'outcome'],
  },
  wa_health_numbers: { type: 'gauge', help: 'WhatsApp numbers configured.', labels: [] },
  wa_health_slack_held_channels: {
    type: 'gauge',
    help: 'Channels (or the whole workspace) Slack refuses for a reason a person must fix.',
    labels: [],
  },
  wa_health_slack_socket_connections: {
    type: 'gauge',
    help: 'Socket Mode connections open (two while Slack refreshes one), at scrape time.',
    labels: [],
    scraped: true,
  },
  wa_health_slack_socket_last_frame_age_seconds: {
    type: 'gauge',
    help: 'Seconds since the last frame (message, ping, pong) on an open Socket Mode connection, at scrape time.',
    labels: [],
    scraped: true,
  },
  wa_health_slack_socket_reconnects_total: {
    type: 'counter',
    help: 'Socket Mode connections opened after the first (refreshes, drops, deaf links).',
    labels: [],
  },
  wa_health_slack_socket_refusals_total: {
    type: 'counter',
    help: 'Tries to open a Socket Mode connection that Slack refused or that failed (each is retried).',
    labels: [],
  },
  wa_health_pass_duration_seconds: { type: 'gauge', help: 'How long the last poll pass took, results written included.', labels: [] },
  wa_health_pass_numbers: { type: 'gauge', help: 'Numbers polled in the last pass, by the state they were found in.', labels: ['state'] },
  wa_health_open_incidents: {
    type: 'gauge',
    help: 'Open incidents by worst severity and state (open, acknowledged, muted), read from the store at scrape time.',
    labels: ['severity', 'state'],
    scraped: true,
  },
  wa_health_outbox_items: { type: 'gauge', help: 'Slack effects waiting in the outbox, at scrape time.', labels: [], scraped: true },
  wa_health_outbox_oldest_age_seconds: {
    type: 'gauge',
    help: 'Age of the oldest Slack effect waiting in the outbox (0 when empty), at scrape time.',
    labels: [],
    scraped: true,
  },
  wa_health_d360_request_duration_seconds: {
    type: 'histogram',
    help: 'Latency of 360dialog health calls, retries included.',
    labels: ['api'],
    // A health call is budgeted D360_TIMEOUT_MS (10 s by default) with retries: the last buckets show timeouts.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  },
} as const;

type Definitions = typeof DEFINITIONS;
export type MetricName = keyof Definitions;
type NameOf<T extends string> = { [K in MetricName]: Definitions[K]['type'] extends T ? K : never }[MetricName];
export type CounterName = NameOf<'counter'>;
export type GaugeName = NameOf<'gauge'>;
export type HistogramName = NameOf<'histogram'>;

export interface Metrics {
  inc(name: CounterName, labels?: Labels, by?: number): void;
  set(name: GaugeName, value: number, labels?: Labels): void;
  observe(name: HistogramName, value: number, labels?: Labels): void;
  /**
   * Runs before every scrape, after the gauges marked `scraped` are cleared: it sets them from the
   * bot's state, so a series that no longer exists (an incident resolved) disappears.
   */
  onScrape(collect: () => Promise<void> | void): void;
  /** The text exposition format. */
  render(): Promise<string>;
  readonly contentType: string;
}

type Metric = Counter | Gauge | Histogram;

/**
 * How often prom-client's event-loop sampler (perf_hooks.monitorEventLoopDelay) wakes the process.
 * Its default, 10 ms, is 3,000 wake-ups every 30 s: on an idle bot that was most of its CPU (about
 * 120 ms per 30 s on a 2-core VM, bench/idle.ts). Once a second still catches a blocked loop (a block
 * of B ms is seen with probability about B/1000, and every block longer than a second is seen); the
 * histogram series (`nodejs_eventloop_lag_p50_seconds` ...) then read 1 s plus the lag, and
 * `nodejs_eventloop_lag_seconds`, measured at scrape time, is unchanged.
 */
const EVENT_LOOP_SAMPLE_MS = 1000;

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  const metrics = new Map<MetricName, Metric>();
  for (const [name, def] of Object.entries(DEFINITIONS) as [MetricName, Definitions[MetricName]][]) {
    const common = { name, help: def.help, labelNames: [...def.labels], registers: [registry] };
    if (def.type === 'counter') metrics.set(name, new Counter(common));
    else if (def.type === 'gauge') metrics.set(name, new Gauge(common));
    else metrics.set(name, new Histogram({ ...common, buckets: [...def.buckets] }));
  }
  const scraped = (Object.keys(DEFINITIONS) as MetricName[]).filter((n) => 'scraped' in DEFINITIONS[n]);
  const collectors: Array<() => Promise<void> | void> = [];
  const get = <T extends Metric>(name: MetricName) => metrics.get(name) as T;

  return {
    inc(name, labels = {}, by = 1) {
      // Codes come from outside (webhook payloads): anything but a plain code shares one series, to bound cardinality.
      if (labels.code !== undefined && !/^(\d{1,6}|none)$/.test(labels.code)) labels = { ...labels, code: 'other' };
      // Adding 0 still creates the series, as callers that count "none late" expect; prom-client refuses negatives.
      get<Counter>(name).inc(labels, Math.max(0, by));
    },
    set(name, value, labels = {}) {
      get<Gauge>(name).set(labels, value);
    },
    observe(name, value, labels = {}) {
      get<Histogram>(name).observe(labels, value);
    },
    onScrape(collect) {
      collectors.push(collect);
    },
    async render() {
      for (const name of scraped) get<Gauge>(name).reset();
      for (const collect of collectors) await collect();
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}
