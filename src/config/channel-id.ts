/** A Slack channel ID (public C…, older private G…), not a #name. */
export function isChannelId(value: string): boolean {
  return /^[CG][A-Z0-9]{2,}$/.test(value);
}
