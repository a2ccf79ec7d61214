import type { BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import { MONITORING } from '../../config/numbers.js';
import { budgetOf } from '../../core/priority-budget.js';
import type { Incident, SupportCase } from '../../core/records.js';
import { triage } from '../../core/support-triage.js';
import type { SlackDeps } from '../deps.js';
import { ids } from '../ids.js';
import { cardContext } from '../views/card-context.js';
import { escalationModal, loadingModal, type ModalMeta, type ModalView, noticeModal, parseMeta } from '../views/escalation-modal.js';
import { TICKET_CHARS } from '../views/escalation-words.js';
import { escapeClip, isoUtc } from '../views/mrkdwn.js';
import { clip } from '../../text/clip.js';
import { numberOf } from './number-of.js';
import type { Routes } from '../routes.js';

/**
 * "Escalate": a modal with the complete ticket for 360dialog, and on submit the case recorded on the incident
 * (card, thread, /wa-status). Slack's trigger_id lasts 3 seconds, so the modal opens first from the click
 * alone (a short one) and is then replaced by the full ticket, which needs store reads.
 */
export function register(app: Routes, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.escalate, async ({ ack, action, body, client, respond }) => {
    await ack();
    if (!(await deps.once(body))) return;
    const name = numberOf(deps.numbers, action.value);
    const opened = await client.views
      .open({ trigger_id: body.trigger_id, view: loadingModal(name ?? action.value ?? 'this number') })
      .catch((error: unknown) => void deps.logger.warn('could not open the Escalate modal', error));
    const viewId = opened?.view?.id;
    if (!viewId) {
      const text = 'Slack did not let me open the Escalate form in time: press *Escalate* again.';
      return void (await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {}));
    }
    try {
      const channel = body.channel?.id;
      const view = name ? await modalFor(deps, name, channel) : noticeModal('That number is no longer in the bot’s configuration.');
      await client.views.update({ view_id: viewId, ...(opened.view?.hash ? { hash: opened.view.hash } : {}), view });
    } catch (error) {
      deps.logger.warn('could not fill in the Escalate modal', error);
      // Never leave the person looking at "Gathering…": say so in the modal, else beside the card.
      const failed = noticeModal('The bot could not gather the ticket just now: close this and press *Escalate* again.');
      const said = await client.views.update({ view_id: viewId, view: failed }).then(
        () => true,
        () => false,
      );
      if (!said)
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'The Escalate form could not be filled in: press *Escalate* again.',
        }).catch(() => {});
    }
  });

  app.view<ViewSubmitAction>(ids.escalationModal, async ({ ack, body, view, client }) => {
    await ack();
    if (!(await deps.once(body))) return;
    const form = readForm(view);
    if (!form.meta) return void deps.logger.warn('an Escalate submission without its incident: ignored');
    const { channel } = form.meta;
    const recorded = await record(deps, form.meta, {
      at: (deps.support?.now ?? Date.now)(),
      by: body.user.id,
      ...(form.ticket ? { ticket: form.ticket } : {}),
      priority: form.priority,
      ref: view.id,
    }).catch(async (error: unknown) => {
      // The modal closed on ack: the person must learn that their case is not on the card.
      deps.logger.error('could not record an escalation', error);
      const ticket = form.ticket ? ` — ticket ${escapeClip(form.ticket, 80)}` : '';
      const text = `Your escalation could not be recorded (the store did not answer)${ticket}: press *Escalate* again to record it.`;
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text }).catch(() => {});
      return 'failed' as const;
    });
    if (recorded === 'failed') return;
    if (recorded || !channel) return;
    const text = 'That incident ended or was replaced before your escalation arrived, so no card shows it. Its ticket text is still valid.';
    await client.chat.postEphemeral({ channel, user: body.user.id, text }).catch((e: unknown) => deps.logger.warn('could not answer', e));
  });
}

/** What the status page says, as the ticket words it; undefined when the bot does not watch it. */
function statusPageWords(incident: Incident, watched: boolean): string | undefined {
  const note = incident.platform;
  if (note) return `reports ${note.summary}${note.since !== undefined ? ` since ${isoUtc(note.since)}` : ''}`;
  return watched ? 'no incident reported' : undefined;
}

/** The full modal, from the stored record and the sources beside it; a source that fails leaves its line unknown. */
async function modalFor(deps: SlackDeps, name: string, cardChannel: string | undefined): Promise<ModalView> {
  const { support } = deps;
  const now = (support?.now ?? Date.now)();
  const record = await deps.monitor.record(name);
  const incident = record?.incident;
  if (!incident) return noticeModal('There is no incident on this card any more: nothing to escalate.');
  const quietly = <T>(p: Promise<T> | undefined) =>
    p?.catch((error: unknown) => void deps.logger.warn('the Escalate modal lacks a source', error));
  const [partner, ledger] = await Promise.all([
    quietly(support?.channelOf(name)),
    quietly(support?.priorityLimit !== undefined ? support.ledger?.read() : undefined),
  ]);
  const ctx = cardContext(incident, new Map(deps.numbers.map((n) => [n.name, n])), now);
  const statusPage = statusPageWords(incident, support?.statusWatched ?? false);
  const facts = {
    ...(partner ?? {}),
    ...(support?.partnerId ? { partnerId: support.partnerId } : {}),
    ...(record.learnt ? { learnt: record.learnt } : {}),
    ...(statusPage ? { statusPage } : {}),
  };
  return escalationModal({
    ctx,
    facts,
    triage: triage(incident, { monitoring: name === MONITORING }),
    budget: budgetOf(ledger ?? undefined, support?.priorityLimit, now),
    meta: { number: name, incidentId: incident.id, ...(cardChannel ? { channel: cardChannel } : {}) },
  });
}

type Values = ViewSubmitAction['view']['state']['values'];

function readForm(view: ViewSubmitAction['view']): { meta?: ModalMeta; ticket?: string; priority: boolean } {
  const values: Values = view.state.values;
  // Slack enforces the input's max_length; a longer value (another client, an older modal) is cut, never refused.
  const ticket = clip(values[ids.ticketInput]?.[ids.ticketValue]?.value?.trim() ?? '', TICKET_CHARS);
  const priority = (values[ids.priorityInput]?.[ids.priorityValue]?.selected_options ?? []).some((o) => o.value === 'priority');
  const meta = parseMeta(view.private_metadata);
  return { ...(meta ? { meta } : {}), ...(ticket ? { ticket } : {}), priority };
}

/**
 * The priority request in the month's ledger first — so the card edit the case queues, drawn by whichever
 * replica leads, already counts it — then the case on the incident. Each once, by the view's id. A request
 * is counted even when its incident ended meanwhile: 360dialog was asked all the same.
 */
async function record(deps: SlackDeps, meta: ModalMeta, supportCase: SupportCase): Promise<boolean> {
  const { at, by, ref, priority } = supportCase;
  if (priority && deps.support?.ledger && deps.support.priorityLimit !== undefined)
    await deps.support.ledger.record({ at, by, number: meta.number, incidentId: meta.incidentId, ...(ref ? { ref } : {}) });
  const held = await deps.monitor.recordSupportCase(meta.number, meta.incidentId, supportCase);
  if (!held) deps.logger.warn(`an escalation of ${meta.number} came after its incident ended: not recorded on a card`);
  return held;
}
