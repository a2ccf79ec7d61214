/**
 * What the person typed after the command. Over HTTP Slack sends a form, so `text` is always a string;
 * a Socket Mode envelope is JSON, and a client (or anything posing as one) may send a number or
 * nothing there. A number is read as the digits it is ("/wa-error 131047"); anything else as empty.
 */
export function commandText(command: { readonly text?: unknown }): string {
  const { text } = command;
  if (typeof text === 'string') return text;
  if (typeof text === 'number' && Number.isFinite(text)) return String(text);
  return '';
}
