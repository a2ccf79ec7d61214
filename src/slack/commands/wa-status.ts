import type { FleetEntry, FleetSnapshot } from '../../monitor/fleet.js';
import type { SlackDeps } from '../deps.js';
import type { SlackMessage } from '../views/message.js';
import { section } from '../views/mrkdwn.js';
import { escapeClip } from '../views/mrkdwn.js';
import { dashboard, numberDetail, rollPage } from '../views/status-blocks.js';
import { commandText } from './text.js';
import type { Routes } from '../routes.js';

export const COMMAND = '/wa-status';

const digits = (text: string) => text.replace(/\D/g, '');

/** By name (any case), else by phone digits: people paste "+49 30 1234567" or "49301234567". */
export function findNumber(entries: readonly FleetEntry[], query: string): FleetEntry | undefined {
  const q = query.trim().toLowerCase();
  const byName = entries.find((e) => e.name.toLowerCase() === q);
  if (byName) return byName;
  const d = digits(q);
  return d.length >= 4 ? entries.find((e) => e.phone !== undefined && digits(e.phone) === d) : undefined;
}

export function statusAnswer(snapshot: FleetSnapshot, query: string): SlackMessage {
  if (query.trim() === '') return dashboard(snapshot);
  // "page 2": unless a number is called that, the roll of every number by name.
  const page = /^page\s+(\d{1,4})$/i.exec(query.trim());
  if (page && !findNumber(snapshot.entries, query)) return rollPage(snapshot, Number(page[1]));
  const entry = findNumber(snapshot.entries, query);
  if (entry) return numberDetail(entry, snapshot.at);
  const text = `No watched number is called ${escapeClip(query.trim(), 80)}: \`/wa-status\` lists them all.`;
  return { text, blocks: [section(text)] };
}

/**
 * `/wa-status [name or phone]`: acked at once, then answered through the response_url. The snapshot is cached,
 * but a cold cache reads the store, and on Redis the store's deadline alone is Slack's whole 3 s for the ack.
 */
export function register(app: Routes, deps: Pick<SlackDeps, 'monitor' | 'once' | 'logger'>): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    await ack();
    if (!(await deps.once(command))) return;
    const answer = statusAnswer(await deps.monitor.fleet(), commandText(command));
    await respond({ response_type: 'ephemeral', ...answer }).catch((e: unknown) => deps.logger.warn('could not answer /wa-status', e));
  });
}
