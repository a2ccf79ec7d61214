import type { FiredEscalation } from './fired-escalation.js';
import type { SupportCase } from './support-case.js';

/**
 * What happened to an incident, as typed facts. The engine decides *that* and *when* something is
 * said in the card's thread; `slack/views/thread-reply.ts` decides the words.
 */

/**
 * A condition as a thread reply names it: code and title (both may come from upstream), or for a blind
 * spot its key (`blind:<kind>`), which the views word. Replies queued by older versions have no key.
 */
export interface NamedCondition {
  readonly key?: string;
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
}

export type IncidentEvent =
  | { readonly kind: 'condition-added'; readonly conditions: readonly NamedCondition[] }
  | { readonly kind: 'escalated'; readonly escalation: FiredEscalation }
  /** An escalation reply queued by an older version, its reason already in words (not yet escaped). */
  | { readonly kind: 'escalated'; readonly reason: string }
  | { readonly kind: 'relapsed'; readonly afterMs: number; readonly conditions: readonly NamedCondition[] }
  | {
      readonly kind: 'recovered';
      /** polls: healthy checks in a row; webhooks: failures stopped; quiet: no webhook report for a while. */
      readonly why: 'polls' | 'webhooks' | 'quiet' | 'group';
      readonly streak?: number;
      readonly afterMs: number;
    }
  | { readonly kind: 'reminder'; readonly openForMs: number; readonly conditions: readonly NamedCondition[] }
  | { readonly kind: 'acknowledged'; readonly by: string }
  | { readonly kind: 'muted'; readonly by: string; readonly forMs: number; readonly reason?: string }
  /** Unmuted by someone, or (no `by`) a maintenance window ended. */
  | { readonly kind: 'unmuted'; readonly by?: string }
  /** Numbers joined or left a group incident (the first reply lists every member). */
  | { readonly kind: 'members-changed'; readonly joined: readonly string[]; readonly left: readonly string[]; readonly total: number }
  /** 360dialog's status page reports a problem (summary), or reports it over (no summary). */
  | { readonly kind: 'platform'; readonly summary?: string; readonly since?: number }
  /** Someone recorded a support case opened with 360dialog (the Escalate button). */
  | { readonly kind: 'support-case'; readonly supportCase: SupportCase }
  /** A thread reply stored by an older version as ready-made Slack text (already escaped then). */
  | { readonly kind: 'legacy-text'; readonly text: string };

export type IncidentEventKind = IncidentEvent['kind'];
