import fc from 'fast-check';

/** Replaces the value at a path (each step an index into the keys of the object or array there) with `next`. */
export function replaceAt(value: unknown, path: readonly number[], next: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return next;
  const [step = 0, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return [next];
    const i = step % value.length;
    return value.map((v, j) => (j === i ? replaceAt(v, rest, next) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { mutated: next };
  const key = keys[step % keys.length] as string;
  return { ...(value as Record<string, unknown>), [key]: replaceAt((value as Record<string, unknown>)[key], rest, next) };
}

/** A well-formed example with one to three places replaced by random JSON: near misses, where parsers slip. */
export const mutated = (examples: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.constantFrom(...examples),
      fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 7 }), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 3 }),
    )
    .map(([example, edits]) => edits.reduce((v, [path, next]) => replaceAt(v, path, next), example));

/** JSON text that is not quite JSON: cut short, or with a byte changed. */
export const brokenText = (examples: readonly unknown[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...examples), fc.nat(), fc.string({ maxLength: 3 })).map(([example, at, insert]) => {
    const text = JSON.stringify(example);
    const i = at % Math.max(1, text.length);
    return at % 2 === 0 ? text.slice(0, i) : `${text.slice(0, i)}${insert}${text.slice(i + 1)}`;
  });
