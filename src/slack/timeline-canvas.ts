import type { webApi } from '@slack/bolt';
import { noteCanvas, upgradeOutbox } from '../core/outbox.js';
import type { Incident, NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';
import { refusalOf } from './refusals.js';
import type { CardContext } from './views/card-context.js';
import { timelineMarkdown } from './views/timeline.js';

/**
 * SLACK_TIMELINE_CANVAS=1: an incident's timeline is also written as a Slack canvas, before its thread reply
 * goes out, and the resolved card links it. The canvas is a bonus: whatever Slack answers, the reply still
 * goes (alone when the canvas was refused). A workspace that refuses canvases (a plan without them, no
 * canvases:write scope, canvases turned off) refuses every one: that is said once per process, and no further
 * canvas is asked for until a restart.
 *
 * Sharing: canvases.create makes a standalone canvas owned by the bot (channel_id would add a tab to the
 * channel per incident); canvases.access.set lets the channel read it, and the links posted in the card and
 * the reply share it further (Slack's canvases.create usage notes).
 */
export interface CanvasTarget {
  readonly number: string;
  readonly incident: Incident;
  readonly channel: string;
}

export type WriteCanvas = (target: CanvasTarget) => Promise<void>;

export interface TimelineCanvasOptions {
  readonly client: webApi.WebClient;
  readonly records: RecordStore<NumberRecord>;
  readonly logger: Logger;
  readonly contextOf: (incident: Incident) => CardContext;
  readonly now: () => number;
}

/** A canvas's address is https://<workspace>/docs/<team id>/<canvas id>: auth.test knows both, asked once (again after a failure). */
function createWorkspaceOf(client: webApi.WebClient): () => Promise<{ url: string; team: string } | undefined> {
  let workspace: Promise<{ url: string; team: string } | undefined> | undefined;
  return () => {
    workspace ??= client.auth.test().then(
      (r) => (r.url && r.team_id ? { url: r.url.endsWith('/') ? r.url : `${r.url}/`, team: r.team_id } : undefined),
      () => {
        workspace = undefined;
        return undefined;
      },
    );
    return workspace;
  };
}

export function createTimelineCanvas(options: TimelineCanvasOptions): WriteCanvas {
  const { client, records, logger } = options;
  /** Slack refused canvases for good (scope, plan, setting): every later one would be refused too, so none is asked for. */
  let refusedForGood = false;
  let accessTold = false;
  const workspaceOf = createWorkspaceOf(client);

  const refused = (target: CanvasTarget, error: unknown) => {
    const refusal = refusalOf(error);
    const about = fields({ number: target.number, incident: target.incident.id, channel: target.channel, code: refusal.error });
    if (refusal.kind === 'transient') {
      logger.warn(`could not write the timeline canvas of ${target.incident.id} (${refusal.error}); the thread reply goes alone`, about);
    } else if (!refusedForGood) {
      refusedForGood = true;
      logger.warn(
        `Slack refuses timeline canvases (${refusal.error}): SLACK_TIMELINE_CANVAS=1 needs the canvases:write scope and a ` +
          'plan with canvases. Timelines go to the thread only; this is said once.',
        about,
      );
    }
  };

  /** Lets the channel read the canvas; a refusal leaves it reachable through the links, said once. */
  const share = async (target: CanvasTarget, id: string) => {
    await client.canvases.access.set({ canvas_id: id, access_level: 'read', channel_ids: [target.channel] }).catch((error: unknown) => {
      if (accessTold) return;
      accessTold = true;
      logger.warn(`could not let ${target.channel} read timeline canvases (${refusalOf(error).error}); the links still share them`);
    });
  };

  return async (target) => {
    if (refusedForGood) return;
    const { title, markdown } = timelineMarkdown(options.contextOf(target.incident));
    let id: string | undefined;
    try {
      const res = await client.canvases.create({ title, document_content: { type: 'markdown', markdown } });
      id = res.canvas_id;
    } catch (error) {
      return refused(target, error);
    }
    if (!id) return;
    await share(target, id);
    const where = await workspaceOf();
    const canvas = { id, ...(where ? { url: `${where.url}docs/${where.team}/${id}` } : {}) };
    await records.update(target.number, (r) => {
      const next = r && upgradeOutbox(r);
      if (next) noteCanvas(next, target.incident.id, canvas, options.now());
      return next;
    });
  };
}
