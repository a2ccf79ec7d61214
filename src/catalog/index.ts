import { accountSignalEntries } from './entries/account-signals.js';
import { accountSignal2026Entries } from './entries/account-signals-2026.js';
import { blockUsersEntries } from './entries/block-users.js';
import { callingEntries } from './entries/calling.js';
import { cloudEntries } from './entries/cloud.js';
import { cloud2026Entries } from './entries/cloud-2026.js';
import { cloudExtraEntries } from './entries/cloud-extra.js';
import { currentEntries } from './entries/current.js';
import { flowsEntries } from './entries/flows.js';
import { groupsEntries } from './entries/groups.js';
import { healthEntries } from './entries/health.js';
import { onpremClientEntries } from './entries/onprem-client.js';
import { onpremTemplateEntries } from './entries/onprem-templates.js';
import { seedEntries } from './entries/seed.js';
import { signupTemplateEntries } from './entries/signup-templates.js';
import { usernameEntries } from './entries/usernames.js';
import type { CatalogEntry } from './types.js';

export type * from './types.js';

/**
 * Every documented condition, the source table's rows first. Order matters where entries share a code: the
 * monitor's classifiers take the first fitting entry, so the families added later come after the ones they extend.
 */
export const catalog: readonly CatalogEntry[] = [
  ...seedEntries,
  ...cloudEntries,
  ...currentEntries,
  ...cloud2026Entries,
  ...blockUsersEntries,
  ...healthEntries,
  ...accountSignalEntries,
  ...accountSignal2026Entries,
  ...cloudExtraEntries,
  ...groupsEntries,
  ...callingEntries,
  ...usernameEntries,
  ...signupTemplateEntries,
  ...onpremClientEntries,
  ...onpremTemplateEntries,
  ...flowsEntries,
];

const byId = new Map(catalog.map((entry) => [entry.id, entry]));
const byCode = new Map<string, CatalogEntry[]>();
for (const entry of catalog) {
  const key = entry.code.toLowerCase();
  byCode.set(key, [...(byCode.get(key) ?? []), entry]);
}

/** Entries declare a link in one direction; readers need it in both. */
function symmetric(pick: (entry: CatalogEntry) => readonly string[] | undefined): Map<string, CatalogEntry[]> {
  const links = new Map<string, Set<string>>();
  const link = (from: string, to: string) => links.set(from, (links.get(from) ?? new Set()).add(to));
  for (const entry of catalog) {
    for (const other of pick(entry) ?? []) {
      link(entry.id, other);
      link(other, entry.id);
    }
  }
  return new Map([...links].map(([id, ids]) => [id, [...ids].map(entryById).filter((e) => e !== undefined)]));
}
const equivalents = symmetric((entry) => entry.equivalents);
const related = symmetric((entry) => entry.related);
const similar = symmetric((entry) => entry.similar);

/** Also takes a condition key that names what the entry is about after '@' (`signal-template-paused@7001`). */
export function entryById(id: string): CatalogEntry | undefined {
  const at = id.indexOf('@');
  return byId.get(id) ?? (at > 0 ? byId.get(id.slice(0, at)) : undefined);
}

/** Every entry documented under this code (1016, 400 and 1005 have several), ranges included. */
export function entriesForCode(code: string): readonly CatalogEntry[] {
  const exact = byCode.get(code.trim().toLowerCase()) ?? [];
  const n = Number(code);
  if (!Number.isInteger(n)) return exact;
  const ranged = catalog.filter((e) => e.range !== undefined && n >= e.range[0] && n <= e.range[1] && !exact.includes(e));
  return [...exact, ...ranged];
}

/** The same condition in the other API generation (470 ⇄ 131047). */
export function equivalentsOf(entry: CatalogEntry): readonly CatalogEntry[] {
  return equivalents.get(entry.id) ?? [];
}

/** Conditions in the other generation that look alike without a source saying they are the same. */
export function similarTo(entry: CatalogEntry): readonly CatalogEntry[] {
  return similar.get(entry.id) ?? [];
}

export function relatedTo(entry: CatalogEntry): readonly CatalogEntry[] {
  const same = new Set([...equivalentsOf(entry), ...similarTo(entry)]);
  return (related.get(entry.id) ?? []).filter((e) => !same.has(e));
}
