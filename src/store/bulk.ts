/**
 * The operations keyv has no fast form of: listing by prefix, reading and writing many keys at
 * once. They work on keyv's own serialised strings, so rows written here read back through keyv
 * and the other way round.
 */
import type { KeyvSqlite } from '@keyv/sqlite';

/** One row of a batch: a serialised value to store, or undefined to delete the key. */
export type RawWrite = readonly [key: string, serialised: string | undefined];

export interface Bulk {
  /** Full keys (namespace included) starting with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
  /** Rows under `prefix` in key order, a page at a time. */
  scan(prefix: string, pageSize: number): AsyncGenerator<Array<readonly [string, string]>>;
  getMany(keys: readonly string[]): Promise<Map<string, string>>;
  write(rows: readonly RawWrite[]): Promise<void>;
}

/**
 * The smallest string above every string that starts with `prefix`, or undefined when there is
 * none. SQLite compares TEXT as UTF-8 bytes, whose order is code point order, so raising the last
 * code point by one bounds the range; U+FFFF would not (4-byte characters sort above it).
 */
export function upperBound(prefix: string): string | undefined {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop()?.codePointAt(0) ?? 0;
    if (last >= 0x10ffff) continue;
    // A lone surrogate cannot be encoded as UTF-8: jump over the surrogate block.
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    return chars.join('') + String.fromCodePoint(next);
  }
  return undefined;
}

type Row = { key: string; value: string };

export function sqliteBulk(sqlite: KeyvSqlite, table: string): Bulk {
  const query = (sql: string, ...params: unknown[]) => sqlite.query(sql, ...params) as Promise<Row[]>;
  const range = (prefix: string, after: string | undefined) => {
    const upper = upperBound(prefix);
    const from = after === undefined ? `key >= ?` : `key > ?`;
    const sql = `${from}${upper === undefined ? '' : ' AND key < ?'}`;
    return { sql, params: [after ?? prefix, ...(upper === undefined ? [] : [upper])] };
  };
  return {
    async keys(prefix) {
      // One query over the primary key's index: no LIKE (a full scan) and no OFFSET (quadratic).
      const { sql, params } = range(prefix, undefined);
      const rows = await query(`SELECT key FROM ${table} WHERE ${sql} ORDER BY key`, ...params);
      return rows.map((r) => r.key).filter((k) => k.startsWith(prefix));
    },
    async *scan(prefix, pageSize) {
      // Keyset pagination: each page starts after the last key of the one before.
      let after: string | undefined;
      for (;;) {
        const { sql, params } = range(prefix, after);
        const rows = await query(`SELECT key, value FROM ${table} WHERE ${sql} ORDER BY key LIMIT ?`, ...params, pageSize);
        const page = rows.filter((r) => r.key.startsWith(prefix)).map((r) => [r.key, r.value] as const);
        if (page.length > 0) yield page;
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]?.key;
      }
    },
    async getMany(keys) {
      if (keys.length === 0) return new Map();
      const rows = await query(`SELECT key, value FROM ${table} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(keys));
      return new Map(rows.map((r) => [r.key, r.value]));
    },
    async write(rows) {
      const sets = rows.filter((r): r is readonly [string, string] => r[1] !== undefined);
      const deletes = rows.filter((r) => r[1] === undefined).map((r) => r[0]);
      // One statement is one transaction: one commit (and one WAL sync) for the whole batch.
      if (sets.length > 0) {
        await query(
          `INSERT INTO ${table} (key, value) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
           ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
          JSON.stringify(sets),
        );
      }
      if (deletes.length > 0) await query(`DELETE FROM ${table} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(deletes));
    },
  };
}

/** The same over keyv's in-memory Map, which holds the serialised strings too. */
export function mapBulk(map: Map<string, unknown>): Bulk {
  const rowsUnder = (prefix: string) =>
    [...map]
      .filter((e): e is [string, string] => e[0].startsWith(prefix) && typeof e[1] === 'string')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    keys: async (prefix) => rowsUnder(prefix).map(([k]) => k),
    async *scan(prefix, pageSize) {
      const rows = rowsUnder(prefix);
      for (let i = 0; i < rows.length; i += pageSize) yield rows.slice(i, i + pageSize);
    },
    getMany: async (keys) => new Map(keys.flatMap((k) => (typeof map.get(k) === 'string' ? [[k, map.get(k) as string]] : []))),
    write: async (rows) => {
      // Synchronous: nothing else runs in between, so the batch lands whole.
      for (const [key, value] of rows) {
        if (value === undefined) map.delete(key);
        else map.set(key, value);
      }
    },
  };
}
