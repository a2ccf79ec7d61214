/**
 * Reading the object literals people paste that are not JSON: a Python dict repr (`{'code': 131030,
 * 'fbtrace_id': <ID>}`), a Ruby hash (`{"code" => 131053}`, `{code: 1}`), a Node `console.log` print
 * (`{ error: { code: 131009 } }`), cut off anywhere. Never throws; whatever cannot be read as a value is
 * kept as its raw text, and an input that ends early gives the part read so far.
 */

const MAX_DEPTH = 24;
const MAX_NODES = 5_000;

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

class Reader {
  private at = 0;
  private nodes = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length || this.nodes > MAX_NODES;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] ?? '')) this.at += 1;
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.at] ?? '';
  }

  value(depth: number): Value {
    this.nodes += 1;
    const ch = this.peek();
    if (depth > MAX_DEPTH) return this.raw();
    if (ch === '{') return this.object(depth);
    if (ch === '[' && !/^\[\s*(?:Function|Object|Array)\b/.test(this.text.slice(this.at, this.at + 12))) return this.array(depth);
    if (ch === '"' || ch === "'") return this.string(ch);
    return this.atom();
  }

  private object(depth: number): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    this.at += 1; // {
    while (!this.done) {
      const ch = this.peek();
      if (ch === '}') {
        this.at += 1;
        break;
      }
      if (ch === ',') {
        this.at += 1;
        continue;
      }
      const key = this.key();
      if (key === undefined) break;
      this.skipSpace();
      const sep = /^(?:=>|:|=)/.exec(this.text.slice(this.at, this.at + 2))?.[0];
      if (!sep) {
        out[key] = null;
        continue;
      }
      this.at += sep.length;
      if (this.done) break;
      out[key] = this.value(depth + 1);
    }
    return out;
  }

  private array(depth: number): Value[] {
    const out: Value[] = [];
    this.at += 1; // [
    while (!this.done) {
      const ch = this.peek();
      if (ch === ']') {
        this.at += 1;
        break;
      }
      if (ch === ',') {
        this.at += 1;
        continue;
      }
      if (ch === '}') {
        this.at += 1; // a stray closer: skip it rather than loop on it
        continue;
      }
      out.push(this.value(depth + 1));
    }
    return out;
  }

  /** A quoted key, a bare word (`code`), or a Ruby symbol (`:code`). */
  private key(): string | undefined {
    const ch = this.peek();
    if (ch === '"' || ch === "'") return this.string(ch);
    const bare = /^:?([\w$-]+)/.exec(this.text.slice(this.at, this.at + 200));
    if (!bare) {
      this.at += 1; // not a key at all: step over it
      return this.done ? undefined : '';
    }
    this.at += bare[0].length;
    return bare[1];
  }

  private string(quote: string): string {
    let out = '';
    this.at += 1;
    while (this.at < this.text.length) {
      const ch = this.text[this.at] ?? '';
      this.at += 1;
      if (ch === quote) return out;
      if (ch === '\\' && this.at < this.text.length) {
        const next = this.text[this.at] ?? '';
        this.at += 1;
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      } else out += ch;
    }
    return out; // cut off inside the string: keep what was there
  }

  /** A number or keyword, or anything else up to the next separator at this level (`<ID>`, `<Response [400]>`). */
  private atom(): Value {
    const start = this.at;
    const head = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?=\s*(?:[,}\]]|$))/.exec(this.text.slice(start, start + 40));
    if (head) {
      this.at += head[0].length;
      return Number(head[0]);
    }
    const raw = this.raw();
    if (/^(?:true|True)$/.test(raw)) return true;
    if (/^(?:false|False)$/.test(raw)) return false;
    if (/^(?:null|None|nil|undefined)$/.test(raw)) return null;
    return raw;
  }

  /** Text up to the next `,`, `}` or `]` outside brackets of its own. */
  private raw(): string {
    const start = this.at;
    let depth = 0;
    while (this.at < this.text.length) {
      const ch = this.text[this.at] ?? '';
      if (depth === 0 && (ch === ',' || ch === '}' || ch === ']')) break;
      if (ch === '[' || ch === '(' || ch === '<') depth += 1;
      else if ((ch === ']' || ch === ')' || ch === '>') && depth > 0) depth -= 1;
      this.at += 1;
    }
    return this.text.slice(start, this.at).trim();
  }
}

/** The object literal starting at `text[0]` (`{` or `[`), read as far as it goes. */
export function parseRelaxed(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  return new Reader(text).value(0);
}
