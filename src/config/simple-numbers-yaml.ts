/**
 * numbers.yml as nearly everyone writes it, read without the `yaml` package: one `numbers:` list of
 * flat mappings whose values are plain words or quoted strings. Building a YAML document costs
 * about 60 µs per number (~2 s at 30,000); reading this shape line by line costs ~1 µs.
 *
 * Anything outside that shape (nesting, other top-level keys, numbers, booleans, escapes, tabs,
 * comments after a value, a repeated key …) answers undefined, and the caller parses with `yaml`:
 * its data and its error messages stay the only ones anyone sees. Where this answers, it answers
 * exactly what `yaml`'s `toJS()` gives.
 */
type Item = Record<string, string>;

const KEY = '[A-Za-z_][A-Za-z0-9_]*';
// Plain scalars that YAML's core schema reads as strings: starting with a letter, no ':' or '#'.
const PLAIN = "[A-Za-z_][A-Za-z0-9_ .,/@()+'-]*[A-Za-z0-9_.)]|[A-Za-z_]";
const QUOTED = `"[ !#-\\[\\]-~]*"|'[ -&(-~]*'`;
const ITEM = new RegExp(`^( *)- (${KEY}): (${PLAIN}|${QUOTED})$`);
const FIELD = new RegExp(`^( *)(${KEY}): (${PLAIN}|${QUOTED})$`);
/** The core schema's words for true, false and null: never strings when plain. */
const RESERVED = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

function scalar(raw: string): string | undefined {
  const first = raw[0];
  if (first === '"' || first === "'") return raw.slice(1, -1);
  return RESERVED.has(raw) ? undefined : raw;
}

export function readSimpleNumbersYaml(text: string): { numbers: Item[] } | undefined {
  const lines = text.split('\n');
  let at = 0;
  const skippable = (line: string) => line === '' || /^ *(?:#.*)?$/.test(line);
  while (at < lines.length && skippable(lines[at] ?? '')) at += 1;
  if (lines[at] !== 'numbers:') return undefined;
  const numbers: Item[] = [];
  let indent = -1;
  let item: Item | undefined;
  for (at += 1; at < lines.length; at += 1) {
    const line = lines[at] ?? '';
    if (skippable(line)) continue;
    const start = ITEM.exec(line);
    const match = start ?? FIELD.exec(line);
    if (!match) return undefined;
    const [, spaces = '', key = '', raw = ''] = match;
    const value = scalar(raw);
    if (value === undefined) return undefined;
    if (start) {
      if (indent === -1) indent = spaces.length;
      if (spaces.length !== indent) return undefined;
      item = {};
      numbers.push(item);
    } else if (!item || spaces.length !== indent + 2 || Object.hasOwn(item, key)) {
      return undefined;
    }
    if (key === '__proto__') return undefined;
    item[key] = value;
  }
  return numbers.length === 0 ? undefined : { numbers };
}
