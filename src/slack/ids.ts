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
} as const;
