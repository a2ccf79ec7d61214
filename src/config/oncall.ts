import { clip } from '../text/clip.js';

/**
 * Who is pinged when an incident opens or escalates: Slack user-group ids (S…) and user ids (U…, W…
 * on Enterprise Grid). Ids only, never names or `@channel`: a typo must fail at start, not ping the wrong people.
 */
export const ONCALL_ID = /^(S|U|W)[A-Z0-9]{2,}$/;

/** SLACK_ONCALL (comma-separated) or a numbers.yml `oncall:` (a string or a list); problems name `where`. */
export function parseOncall(raw: unknown, where: string, problems: string[]): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
  const ids: string[] = [];
  for (const item of items) {
    const id = typeof item === 'string' ? item.trim() : String(item);
    if (id === '') continue;
    if (ONCALL_ID.test(id)) ids.push(id);
    else
      problems.push(
        `${where} has "${clip(id, 40)}": use Slack user-group ids (S…) and user ids (U…), comma-separated — ` +
          'a profile → ⋯ → Copy member ID; a user group → ⋯ → Copy group ID.',
      );
  }
  return [...new Set(ids)];
}
