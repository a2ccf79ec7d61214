import { codeGroups } from '../../catalog/code-groups.js';

/** Every documented code in one mrkdwn section (well under 3,000 characters). */
export function codeListText(): string {
  return codeGroups()
    .map((g) => `*${g.label}:* ${g.codes.join(', ')}`)
    .join('\n');
}
