import { codeGroups } from '../catalog/code-groups.js';

export function codeListPlain(): string {
  return codeGroups()
    .map((g) => `${g.label}:\n  ${g.codes.join(', ')}`)
    .join('\n');
}
