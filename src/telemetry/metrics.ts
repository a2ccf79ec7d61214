/**
 * A few counters in Prometheus' text format, for GET /metrics. Small enough that a client
 * library would cost more than it saves.
 */
type Labels = Readonly<Record<string, string>>;

export interface Metrics {
  inc(name: MetricName, labels?: Labels, by?: number): void;
  set(name: MetricName, value: number, labels?: Labels): void;
  render(): string;
}

const DEFINITIONS = {
  wa_health_polls_total: { type: 'counter', help: 'Health polls by the state they found.' },
  wa_health_webhook_requests_total: { type: 'counter', help: '360dialog webhook calls by outcome.' },
  wa_health_webhook_events_total: { type: 'counter', help: 'Webhook events by what became of them.' },
  wa_health_slack_calls_total: { type: 'counter', help: 'Slack deliveries by effect and outcome.' },
  wa_health_numbers: { type: 'gauge', help: 'WhatsApp numbers configured.' },
  wa_health_slack_held_channels: { type: 'gauge', help: 'Channels (or the whole workspace) Slack refuses for a reason a person must fix.' },
  wa_health_pass_duration_seconds: { type: 'gauge', help: 'How long the last poll pass took, results written included.' },
  wa_health_pass_numbers: { type: 'gauge', help: 'Numbers polled in the last pass, by the state they were found in.' },
} as const;

export type MetricName = keyof typeof DEFINITIONS;

const key = (labels: Labels) =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

export function createMetrics(): Metrics {
  const values = new Map<MetricName, Map<string, number>>();
  const series = (name: MetricName) => {
    let s = values.get(name);
    if (!s) {
      s = new Map();
      values.set(name, s);
    }
    return s;
  };
  return {
    inc(name, labels = {}, by = 1) {
      const s = series(name);
      const k = key(labels);
      s.set(k, (s.get(k) ?? 0) + by);
    },
    set(name, value, labels = {}) {
      series(name).set(key(labels), value);
    },
    render() {
      const lines: string[] = [];
      for (const [name, def] of Object.entries(DEFINITIONS) as [MetricName, (typeof DEFINITIONS)[MetricName]][]) {
        lines.push(`# HELP ${name} ${def.help}`, `# TYPE ${name} ${def.type}`);
        for (const [labels, value] of values.get(name) ?? []) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
