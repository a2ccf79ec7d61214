import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeForTerminal } from '../src/cli/terminal.js';
import { runMain } from './support/bot-process.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('safeForTerminal', () => {
  it.each([
    ['an OSC title and a CSI clear-screen', '\x1b]0;pwned\x07\x1b[2J\x1b[32mall numbers HEALTHY', 'all numbers HEALTHY'],
    ['an OSC ended by ST and a DCS string', '\x1b]8;;http://x\x1b\\link\x1bPq#0\x1b\\ end', 'link end'],
    ['8-bit CSI and OSC', '\x9b31mred\x9d0;title\x9c!', 'red!'],
    ['carriage return, backspace, bell and DEL', 'ok\rfake\b\x07\x7f', 'okfake'],
    ['an escape sequence never ended', 'text \x1b]0;rest of the line', 'text '],
  ])('removes %s', (_, input, expected) => {
    expect(safeForTerminal(input)).toBe(expected);
  });

  it('keeps newlines, tabs and every printable character', () => {
    expect(safeForTerminal('a\n\tb — ✓ ünï [x]')).toBe('a\n\tb — ✓ ünï [x]');
  });
});

describe('npm run explain with escape sequences on the command line', () => {
  // No digits in the query: a digit would be read as an error code.
  it('echoes the query without them', async () => {
    const run = await runMain(['explain', 'zzqx \x1b]L;pwned\x07\x1b[H\x1b[Jfake'], { cwd: mkdtempSync(join(tmpdir(), 'wa-explain-')) });
    expect(run.stdout).toMatch(/Nothing in the catalog matches "zzqx fake"/);
    expect(run.stdout).not.toMatch(CONTROL);
  });
});
