import { catalog } from './index.js';
import type { CatalogEntry } from './types.js';
import { codeText } from './wording.js';

export interface CodeGroup {
  readonly label: string;
  readonly codes: readonly string[];
}

const healthOnly = (e: CatalogEntry) => e.surfaces.every((s) => s === 'health-check');
const codesOf = (entries: readonly CatalogEntry[]) => [...new Set(entries.map(codeText))];

/** Every documented code, grouped the way operators meet them. */
export function codeGroups(): CodeGroup[] {
  const groups = [
    { label: '360dialog error table (On-Premise era)', codes: codesOf(catalog.filter((e) => e.seed !== undefined)) },
    { label: 'Cloud API', codes: codesOf(catalog.filter((e) => e.generation === 'cloud' && !healthOnly(e))) },
    { label: 'Health checks', codes: codesOf(catalog.filter(healthOnly)) },
    {
      label: 'Other On-Premise and 360dialog codes',
      codes: codesOf(catalog.filter((e) => e.seed === undefined && e.generation !== 'cloud' && !healthOnly(e))),
    },
  ];
  return groups.filter((g) => g.codes.length > 0);
}
