/**
 * Cutting text by grapheme (src/text/clip.ts) beside cutting by UTF-16 unit, on what the bot cuts: plain
 * names, the 200-character emoji name, a 3,000-character section, and the worst input it accepts — a
 * 40,000-character pasted payload of emoji cut at its limit. Iterating Intl.Segmenter over that paste took
 * over a second; now even that stays far below one Slack round trip.
 */
import { clip, cutEscaped, graphemePrefix } from '../src/text/clip.js';
import { ms, summarise, verdict } from './stats.js';

/** p99 targets: what the bot cuts all the time stays within a tenth of a millisecond; the worst paste within 20 ms. */
const CASES: ReadonlyArray<{ label: string; text: string; max: number; targetMs: number }> = [
  { label: 'plain name → 80', text: 'Support line Berlin '.repeat(10), max: 80, targetMs: 0.1 },
  { label: '202-unit emoji name → 80', text: `xy${'👍🏽'.repeat(50)}`, max: 80, targetMs: 0.1 },
  { label: 'escaped section → 3,000', text: 'a &amp; b 👩‍👩‍👧‍👦 '.repeat(400), max: 3000, targetMs: 0.1 },
  { label: '40,000-unit emoji paste → 40,000', text: `{"errors":"${'🇫🇷👍🏽'.repeat(6000)}"}`, max: 40_000, targetMs: 20 },
];
const RUNS = 2000;

function sample(cut: () => string): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    cut();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function benchClip(): Promise<{ ok: boolean; lines: string[] }> {
  const lines = [`clip by grapheme (p50 / p99 of ${RUNS}; by unit for comparison)`];
  let ok = true;
  for (const { label, text, max, targetMs } of CASES) {
    const ours = summarise(
      sample(() => (max === 40_000 ? graphemePrefix(text, max) : label.startsWith('escaped') ? cutEscaped(text, max) : clip(text, max))),
    );
    const unit = summarise(sample(() => `${text.slice(0, max - 1)}…`));
    const met = ours.p99 <= targetMs;
    ok &&= met;
    const byUnit = `by unit ${ms(unit.p50)} / ${ms(unit.p99)}`;
    lines.push(`  ${label}: ${ms(ours.p50)} / ${ms(ours.p99)} (${byUnit}), target p99 ≤ ${ms(targetMs)} ${verdict(met)}`);
  }
  return { ok, lines };
}
