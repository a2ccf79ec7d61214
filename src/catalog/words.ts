/** How the search splits text into words: the same for the catalog's fields and for what people type. */

/** Words that say nothing about which code is meant, including the filler of a question asked in a thread. */
export const STOPWORDS = new Set(
  (
    'a an and are at be by can cant code codes error errors for from get got has have how i in is it my not of on or ' +
    'the this to was we what when why with whatsapp wa keep keeps our us after need failing failed fails expect expected ' +
    'didnt dont doesnt isnt arent wasnt wont even though just now every some they she he her him them does mean means ' +
    'someone anyone said say says today yesterday since morning week lot lots about like look looks started apparently ' +
    'still also any all that those these then than so but if because while which who do did been very really please ' +
    'help there their its im ive were will tried try trying happened happening suddenly thing ' +
    // Naming the On-Premise client picks a generation (namesOnPremise below); it matches no entry's words.
    'onprem prem premise premises ' +
    // Portuguese and Spanish filler: many 360dialog numbers are Brazilian or Latin American, and so are their posts.
    'de da do dos das el la los las un una um uma y que em en para por se ao os mas muy su sua seu esse essa ' +
    'ese esa este esta isso eso ou nao mais ja ya pelo pela le lo ele ela'
  ).split(' '),
);

/**
 * Stop words inside a phrase: the same less "error", which a Meta title holds as one of its words ("Generic
 * error", "Media upload error"): as a search word it matches everything, as part of a phrase it tells them apart.
 */
export const PHRASE_STOPWORDS = new Set([...STOPWORDS].filter((w) => w !== 'error' && w !== 'errors' && w !== 'not'));

/** The same stop words as a phrase keeps "not": "parameter is not required" is no "parameter is required". */
export const NEGATION_KEPT = new Set([...STOPWORDS].filter((w) => w !== 'not'));

/**
 * Every way to say "not" is one word inside a phrase: "doesn't exist" is "does not exist". "Can't" stays a stop
 * word and "cannot" its own word: "can't send to new contacts" is no quote of a title that "cannot send messages".
 */
const NEGATIONS = new Set('not dont doesnt didnt isnt arent wasnt werent wont couldnt'.split(' '));

/** The words of a text as a phrase is matched: negations as "not", then stop words out. */
export const phraseWordsOf = (text: string, stop: ReadonlySet<string>) =>
  wordsOf(text)
    .map((w) => (NEGATIONS.has(w) ? 'not' : w))
    .filter((w) => !stop.has(w));

/** Shorthand engineers type in a hurry, as the words the catalog uses. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  tpl: 'template',
  tmpl: 'template',
  msg: 'message',
  msgs: 'message',
  acct: 'account',
  acc: 'account',
  wh: 'webhook',
  dl: 'download',
  ul: 'upload',
  tok: 'token',
  svc: 'service',
  unavail: 'unavailable',
  err: 'error',
  perm: 'permission',
  perms: 'permission',
  reg: 'registration',
  rl: 'rate limit',
  num: 'number',
  nr: 'number',
  param: 'parameter',
  params: 'parameter',
  pw: 'password',
  pwd: 'password',
  recip: 'recipient',
  img: 'image',
  pic: 'image',
  vid: 'video',
  biz: 'business',
  mktg: 'marketing',
  // The words of the catalog in Portuguese and Spanish, as the posts of those users write them.
  plantilla: 'template',
  plantillas: 'template',
  modelo: 'template',
  modelos: 'template',
  mensaje: 'message',
  mensajes: 'message',
  mensagem: 'message',
  mensagens: 'message',
  experimento: 'experiment',
  numero: 'number',
  numeros: 'number',
  horas: 'hours',
  janela: 'window',
  ventana: 'window',
  imagem: 'image',
  imagen: 'image',
  cabecalho: 'header',
  encabezado: 'header',
  falha: 'fail',
  falla: 'fail',
  entregue: 'delivered',
  entregado: 'delivered',
  erro: 'error',
  bloqueado: 'blocked',
  bloqueada: 'blocked',
};

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The same texts are split again and again while one question is read (the query, its synonyms, its phrases):
 * the last few answers are kept. Callers get a copy, so none can change another's words.
 */
const recentWords = new Map<string, readonly string[]>();
const RECENT_WORDS = 64;

export function wordsOf(text: string): string[] {
  const known = recentWords.get(text);
  if (known) return [...known];
  const words = splitWords(text);
  if (recentWords.size >= RECENT_WORDS) recentWords.delete(recentWords.keys().next().value as string);
  recentWords.set(text, words);
  return [...words];
}

function splitWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '') // "número" is "numero", not "n" and "mero"
      .toLowerCase()
      .replace(/['’]/g, '') // "didn't" is one word, not "didn" and "t"
      .split(/[^a-z0-9]+/)
      .flatMap((w) => (w === '' ? [] : (ABBREVIATIONS[w]?.split(' ') ?? [w])))
      // A stop word stays itself: stemmed, "does" and "this" would be the words "doe" and "thi".
      .map((w) => (STOPWORDS.has(w) ? w : stem(w)))
  );
}

/** Whether a query names the retired On-Premise client: the search then prefers its entries over the Cloud ones. */
export function namesOnPremise(query: string): boolean {
  return /\bon[\s-]?prem|\bonprem|\bcoreapp\b|\bwacore\b|\bweb ?app container/i.test(query);
}

/**
 * The text with the names a message fills in taken out: Graph writes "(#100) The parameter
 * template['language']['code'] is required" and "… messaging_product is required", so the words around a
 * field path are Meta's phrase ("parameter required") only once the path is gone. Paths, snake_case names,
 * dotted names and {{placeholders}}.
 */
export function withoutIdentifiers(text: string): string {
  return text.replace(/\{\{[^}]{0,40}\}\}|[$\w]+(?:\[[^\]\s]{0,40}\])+|\b\w*_\w*\b|\b[a-z]\w*(?:\.\w+)+\b/gi, ' ');
}
