/**
 * How on-call people say it, and the words the catalog uses for the same thing. Each rule adds
 * the catalog's words to a query that matches; it never removes what the person typed.
 */
export const SYNONYMS: readonly (readonly [pattern: RegExp, adds: string])[] = [
  [/\bopt(?:ed|s)?[\s-]?out\b|\bunsubscrib|\bstop(?:ped)? (?:marketing|promo)/, 'opted out marketing'],
  [/\bpromos?\b|\bpromotion/, 'marketing'],
  // A session is the 24-hour window, unless a token's: Graph's 190 says "Error validating access token: Session has expired".
  [/\b24[\s-]?h(?:ours?|rs?)?\b|\bfree[\s-]?(?:form|text)\b|^(?![\s\S]*\btokens?\b)[\s\S]*\bsession\b/, 'customer service window'],
  // "the customer must message first", "replying first to the number solved it": the window opens with them.
  [
    new RegExp(
      String.raw`\b(?:customers?|users?|contacts?|recipients?|clients?|they|he|she) ` +
        '(?:must|has to|have to|needs? to|should) ' +
        String.raw`(?:message|write|reply|respond|text)\w*(?: (?:us|you|me))? first\b|` +
        String.raw`\b(?:reply|replying|replied|respond\w*|messag\w*) first\b`,
    ),
    're-engagement customer service window',
  ],
  // A file format named: what Meta's media upload refuses ("webp picture", "audio/opus", "mime type").
  [/\b(?:webp|heic|opus|mime[\s-]?types?|file (?:type|format)s?|accepted formats?)\b/, 'media upload file type'],
  [/\bbanned\b|\bban\b|\bsuspended\b/, 'policy violation restricted'],
  [/\boffline\b|\bdown\b/, 'offline not connected'],
  [/\bquota\b/, 'rate limit api calls waba'],
  [/\bthrottl/, 'rate limit throughput'],
  [/\bblocked by (?:the )?user\b|\b(?:user|customer|recipient)s? (?:has |have )?blocked (?:us|our)\b/, 'undeliverable'],
  // "expects 3 variables", "too few params": a count of variables is a count mismatch.
  [/\b\d+ (?:variables?|params?|parameters?|placeholders?)\b|\btoo (?:many|few) (?:variables|params|parameters)\b/, 'count mismatch'],
  [/\bsame (?:user|customer|recipient|person|contact)\b/, 'pair rate limit'],
  [
    /\b(?:we|business|i|agents?) (?:have |had )?blocked\b|\bblocked (?:an? |the |this |that )?(?:\w+ )?(?:user|customer|contact)\b/,
    'business blocked user',
  ],
  [/\bunpaid\b|\bnot paid\b|\boverdue\b/, 'overdue invoices lack of payment'],
  [/\bsandbox\b|\btest number\b|\ballow ?list|\bwhitelist/, 'allowed list'],
  [/\boutage\b|\bmeta down\b/, 'service unavailable'],
  [/\bpin\b/, 'two-step verification'],
  [/\b(?:never|not|didn'?t|don'?t|doesn'?t|isn'?t|aren'?t) (?:get|got|getting|gets|receiv\w*|deliver\w*|arriv\w*)\b/, 'undeliverable'],
  [/\b[a-z]{2}_[a-z]{2}\b/, 'language'], // a locale such as pt_br names a template's language
  [/\botps?\b|\bone[\s-]time (?:password|code)\b/, 'authentication template'],
  [/\bnot on whatsapp\b|\bno whatsapp\b|\bdoes(?:n'?t| not) (?:have|use) whatsapp\b/, 'undeliverable invalid user'],
  [/\bnot 200\b|\bnon[\s-]?200\b|\bwebhook (?:slow|timeout|failing)/, 'webhook backlog'],
  [/\bd360\b|\bapi[\s-]?key\b/, 'api key'],
  [/\bpending\b|\brejected\b|\breview\b/, 'not approved'],
  [/\bre-?engag/, 're-engagement message customer service window'],
  [/\bwhatsapp pay\b|\bpayments? (?:terms|tos)\b/, 'whatsapp payments terms of service'],
  // A message a user sent that the webhook names "unknown" (type "unknown", 131051 "Message type unknown"), as
  // in "an unknown webhooks message is returned" (Whatsapp-Business-Cloud-Api-Net#192).
  [/\bunknown (?:\w+ )?messages?\b|\btype[\s:"'=>]+unknown\b/, 'unsupported message type unknown'],
  // Meta's registration page: 10 register (or deregister) requests per number in a 72-hour window, then 133016.
  [
    /\b(?:de)?regist\w*\b.{0,60}\b(?:cap|limits?|too many|attempts)\b|\b10 requests\b|\b72[\s-]?h(?:ours?|rs?)?\b/,
    'register deregister rate limit',
  ],
  // Template parameters left out ("missing components in templates", pywa#154): a count that does not match.
  [/\bmissing (?:template )?(?:components?|variables?|placeholders?)\b/, 'parameter count mismatch'],
  // Template values dropped on the way ("params not being forwarded", "variables aren't sent"): the count the
  // template expects is not met, 132000 (chatwoot/chatwoot#13257; PipedreamHQ/pipedream#6071, params sent elsewhere).
  [
    new RegExp(
      String.raw`(?:\b|_)(?:params?|parameters?|variables?|placeholders?) (?:are |is |were |was )?` +
        String.raw`(?:not|never|arent|isnt|werent|wasnt) (?:being )?(?:sent|forwarded|passed|filled|included)\b`,
    ),
    'parameter count mismatch',
  ],
  // A user who blocked the business: Cloud answers marketing sends with 131050 (tactilenews/100eyes#2148).
  [/\bblock(?:s|ed|ing)? (?:us|our (?:business|number|company)|the business)\b/, 'stopped marketing messages'],
  // A template's image (video, document) header is what Meta calls its media header: a send whose header parameter
  // is not the media the template expects fails with 132012 ("header: Format mismatch, expected IMAGE"). Only for a
  // template or a campaign: an interactive message's header is no template parameter.
  [
    /^(?=[\s\S]*\b(?:templat|campaign))[\s\S]*(?:\b(?:image|video|document|pdf|media) headers?\b|\bheaders? (?:image|video|document)\b)/,
    'media header format mismatch',
  ],
  // A URL button with a variable ("dynamic URL") sent without its value: 131008, "Button at index 0 of type Url requires
  // a parameter" (PipedreamHQ/pipedream#6071, shridarpatil/whatomate#501).
  [/\bdynamic (?:url|link)s?\b|\b(?:url )?buttons? (?:variable|parameter|param)s?\b/, 'required parameter missing button'],
  // Mexican (+52 1) and Argentine (+54 9) mobiles: the webhook's wa_id carries the extra digit, the allowed list of a
  // test number does not, so replies fail with 131030 (david-lev/pywa#155; code-chat-br/whatsapp-api#107 on 521).
  [/\bmexic\w*|\bargentin\w*|\+5[24]\b/, 'recipient phone number allowed list'],
];

/** The catalog's words each rule that matches the query adds, one string per rule. */
export function synonymsOf(query: string): string[] {
  const lower = query.toLowerCase();
  return SYNONYMS.filter(([pattern]) => pattern.test(lower)).map(([, words]) => words);
}

export function expandSynonyms(query: string): string {
  return expandedWith(query, synonymsOf(query));
}

/** The query, lower-cased, with the words of rules already found to match it (synonymsOf): no rule is run twice. */
export function expandedWith(query: string, adds: readonly string[]): string {
  const lower = query.toLowerCase();
  return adds.length === 0 ? lower : `${lower} ${adds.join(' ')}`;
}
