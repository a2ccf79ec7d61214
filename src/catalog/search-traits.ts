import { index } from './search-index.js';
import { bySeverity } from './severity.js';
import type { CatalogEntry } from './types.js';

/** Health-check codes arrive on the incident card already; typed questions are mostly about failed sends. */
const healthOnly = (e: CatalogEntry) => e.surfaces.every((s) => s === 'health-check');
/**
 * An account signal (PAUSED, FLAGGED …) announces a failure that also has a numbered send error
 * (132015, 131048); people type what they saw fail far more often than the webhook field's word.
 */
const signalOnly = (e: CatalogEntry) => !/^\d+$/.test(e.code) && e.surfaces.every((s) => s === 'webhook');
/**
 * The APIs beside messaging (Calling, Groups, Flows): their codes answer a question that names the API. A failed
 * send that "cannot receive a message" is not the Calling API's "cannot receive calls".
 */
const PRODUCTS: readonly (readonly [keyword: string, named: RegExp])[] = [
  ['calling', /\bcall(?:s|ing|ed)?\b|\bsip\b|\bvoip\b/i],
  ['groups', /\bgroups?\b/i],
  ['flows', /\bflows?\b/i],
];
const productOf = (e: CatalogEntry) => PRODUCTS.find(([k]) => e.keywords?.includes(k));
/** The patterns by which a question names one of those APIs. */
export const PRODUCT_NAMES: readonly RegExp[] = PRODUCTS.map(([, named]) => named);

/** What an entry is whatever the question (kind of surface, API beside messaging): read once per entry, not per query. */
export const traits = index.map(({ entry }) => ({
  kindFactor: healthOnly(entry) ? 0.9 : signalOnly(entry) ? 0.8 : 1,
  product: productOf(entry)?.[1],
}));

/** Live Cloud API entries first, then 360dialog's, then the retired On-Premise ones: every ordering by generation. */
export const GENERATION_RANK = { cloud: 0, '360dialog': 1, onprem: 2 } as const;
/**
 * Where an entry stands among equal scores: live generations first, then the worse severity, then by id. Ranked
 * once at load: comparing ids with localeCompare inside every comparison of a search's sort was a fifth of it.
 */
const tieOrder = new Map(
  index
    .map(({ entry }) => entry)
    .sort(
      (a, b) =>
        GENERATION_RANK[a.generation] - GENERATION_RANK[b.generation] || bySeverity(a.severity, b.severity) || a.id.localeCompare(b.id),
    )
    .map((entry, rank) => [entry, rank]),
);
export const tieRank = (entry: CatalogEntry): number => tieOrder.get(entry) ?? tieOrder.size;
