/**
 * Slack treats only &, < and > as control characters; escaping them defuses every mention,
 * broadcast (<!channel>, <!here>) and link a stranger's text could carry. Ampersand first.
 * Lives outside slack/ because the incident engine writes thread replies too.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
