/** The environment as configuration reads it: always passed in, so tests hand it whatever they need. */
export type Env = Readonly<Record<string, string | undefined>>;
