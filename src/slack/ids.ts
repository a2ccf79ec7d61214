/**
 * Every action_id and block_id the bot renders, in one table: the view that draws a button and
 * the listener that answers it import the same constant.
 */
export const ids = {
  shareExplanation: 'wa_error_share',
  explainActions: 'wa_error_actions',
  incidentActions: 'incident_actions',
  recheck: 'incident_recheck',
  acknowledge: 'incident_ack',
  mute: 'incident_mute',
  escalate: 'incident_escalate',
  /** The Escalate modal: its callback, and the inputs read back on submission. */
  escalationModal: 'escalation_modal',
  ticketInput: 'escalation_ticket',
  ticketValue: 'escalation_ticket_value',
  priorityInput: 'escalation_priority',
  priorityValue: 'escalation_priority_value',
  ticketCopy: 'escalation_ticket_copy',
  ticketCopyValue: 'escalation_ticket_copy_value',
  againInput: 'escalation_again',
  againValue: 'escalation_again_value',
} as const;
