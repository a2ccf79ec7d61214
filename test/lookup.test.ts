import { describe, expect, it } from 'vitest';
import { explain, searchWords } from '../src/catalog/lookup.js';

const ids = (query: string) => explain(query).matches.map((e) => e.id);
const top = (query: string, n: number) =>
  searchWords(query)
    .slice(0, n)
    .map((e) => e.code);

describe('looking up a code', () => {
  it('returns every entry a code has: 1016 twice, 400 three times, 1005 in the Hub and On-Premise', () => {
    expect(ids('1016')).toEqual(expect.arrayContaining(['onprem-1016-api', 'onprem-1016-webhook']));
    expect(ids('400')).toEqual(expect.arrayContaining(['360dialog-400-disabled', '360dialog-400-call-limit', '360dialog-400-payment']));
    expect(ids('1005')).toEqual(expect.arrayContaining(['360dialog-1005', 'onprem-1005']));
  });

  it("reads codes the way people paste them: '#131047', Meta's '(#131047) Re-engagement message', '&amp;' entities", () => {
    expect(ids('#131047')).toEqual(['cloud-131047']);
    expect(ids('(#131047) Re-engagement message')).toEqual(['cloud-131047']);
    expect(explain('470 &amp; 471').matches.map((e) => e.code)).toEqual(['470', '471']);
  });

  it('finds a code inside a documented range (Meta permission errors 200–299)', () => {
    expect(ids('250')).toEqual(['cloud-200']);
  });

  it('calls an unknown code unknown and offers the nearest documented codes', () => {
    const answer = explain('131099');
    expect(answer.unknownCodes).toEqual(['131099']);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.every((e) => e.code.startsWith('1310'))).toBe(true);
  });

  it('reads numbers that are quantities as words: 24 hours, 10 minutes, 200, 3 times, 128 kb', () => {
    for (const query of ['outside 24 hours', 'retry after 10 minutes', 'webhook not 200', 'failed 3 times', '128 kb image'])
      expect(explain(query).kind, query).toBe('words');
    expect(explain('outside 24 hours').matches[0]?.code).toBe('131047');
    expect(explain('webhook not 200').matches[0]?.code).toBe('1016');
  });

  it('takes a number as a code when it looks like one: documented, alone, or introduced', () => {
    expect(explain('error 131047 after 24 hours')).toMatchObject({ kind: 'code', unknownCodes: [] });
    expect(ids('error 131047 after 24 hours')).toEqual(['cloud-131047']);
    expect(explain('24').unknownCodes).toEqual(['24']);
    expect(ids('code 4')).toEqual(['cloud-4']);
    expect(explain('got 136024 on a status').unknownCodes).toEqual(['136024']);
  });

  it('lists every meaning of a code two tables use differently, the one the words beside it point at first', () => {
    // 1005: 360dialog's Hub registration, or the On-Premise client's access denied.
    expect(ids('onprem client returns 1005 access denied')).toEqual(['onprem-1005', '360dialog-1005']);
    expect(ids('error 1005 when registering the number in the 360dialog hub')).toEqual(['360dialog-1005', 'onprem-1005']);
    // 400: 360dialog's disabled number, unpaid invoices or call limit, and the On-Premise client's own 400.
    const unpaid = ids('400 unpaid invoices');
    expect(unpaid[0]).toBe('360dialog-400-payment');
    expect(unpaid).toEqual(expect.arrayContaining(['360dialog-400-disabled', '360dialog-400-call-limit', 'onprem-400']));
    expect(ids('400 account disabled')[0]).toBe('360dialog-400-disabled');
    // The usual order puts the retired client's 400 last: only the words beside the code can bring it first.
    expect(ids('400 from the on-premise client, a parameter is wrong')[0]).toBe('onprem-400');
    // No words, no hint: the usual order.
    expect(ids('1005')).toEqual(['360dialog-1005', 'onprem-1005']);
  });

  it('answers a code documented in both generations with the Cloud entry first', () => {
    expect(ids('1005')[0]).toBe('360dialog-1005');
    expect(explain('2001 132001').matches.map((e) => e.code)).toEqual(['2001', '132001']);
  });

  it('answers an empty or blank query as empty', () => {
    expect(explain('   ').kind).toBe('empty');
  });

  it('cuts a huge query down instead of choking on it', () => {
    const answer = explain('x'.repeat(100_000));
    expect(answer.query.length).toBeLessThanOrEqual(200);
  });
});

describe('looking up words', () => {
  it('ranks rate-limit codes first for "rate limit"', () => {
    expect(top('rate limit', 3).some((c) => ['429', '130429', '131056'].includes(c))).toBe(true);
  });

  it('finds the template codes for "template"', () => {
    expect(top('template', 4)).toEqual(expect.arrayContaining(['132001']));
  });

  it('finds 1014 for "wacore"', () => {
    expect(top('wacore', 1)).toEqual(['1014']);
  });

  it('finds the payment codes for "payment"', () => {
    expect(top('payment', 4)).toEqual(expect.arrayContaining(['131042']));
    expect(top('payment', 6)).toEqual(expect.arrayContaining(['402']));
  });

  it('finds the spam codes for "spam", the Cloud code first', () => {
    expect(top('spam', 2)).toEqual(['131048', '471']);
  });

  it('ranks a retired On-Premise code after its similar Cloud counterpart, even on an exact On-Premise title', () => {
    const cloudFirst = (query: string, cloud: string, onprem: string) => {
      const order = searchWords(query).map((e) => e.id);
      expect(order.indexOf(cloud), query).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(cloud), query).toBeLessThan(order.indexOf(onprem));
    };
    cloudFirst('template paused', 'cloud-132015', 'onprem-2061');
    cloudFirst('template disabled', 'cloud-132016', 'onprem-2062');
    cloudFirst('user is not valid', 'cloud-131026', 'onprem-1013');
    cloudFirst('generic error', 'cloud-131000', 'onprem-1000');
    cloudFirst('message type is not currently supported', 'cloud-131051', 'onprem-501');
    // The Cloud twin comes first even when only the On-Premise entry's words matched the query.
    expect(top('unknown error sending whatsapp, no details', 2)).toEqual(['131000', '1000']);
  });

  it('keeps On-Premise entries first for someone who names the On-Premise client', () => {
    expect(top('on-prem client service not ready after restart', 1)).toEqual(['1011']);
    expect(top('client service not ready after restart', 1)).toEqual(['133010']);
    // The twin rule the other way round: the On-Premise 470 before the Cloud 131047 it resembles.
    expect(top('onprem 24h reengagement', 2)).toEqual(['470', '131047']);
    expect(top('24h reengagement', 2)).toEqual(['131047', '470']);
  });

  it('reads the shorthand of engineers in a hurry: tpl, wh, dl, tok, svc, unavail', () => {
    expect(top('tpl paused', 1)).toEqual(['132015']);
    expect(top('wh media dl fail', 1)).toEqual(['131052']);
    expect(top('tok expired', 1)).toEqual(['190']);
    expect(top('svc temporarily unavail', 1)).toEqual(['131016']);
  });

  it('finds the problem in a question asked in a thread, past its filler', () => {
    const agents = 'one of our agents blocked an abusive customer from the inbox and now we cant send him anything';
    expect(top(agents, 1)).toEqual(['130403']);
    expect(top('the promo blast failed with something about ecosystem engagement, is our number in trouble?', 1)).toEqual(['131049']);
  });

  it('answers the send error before the account signal that announces it', () => {
    expect(top('template disabled', 2)).toEqual(['132016', 'DISABLED']);
    expect(top('template status disabled webhook', 1)).toEqual(['DISABLED']);
  });

  it('reads what customers say and how people shorten things: "didn\'t get the otp", a locale, a title inside a sentence', () => {
    expect(top("customer didn't get the otp", 1)).toEqual(['131026']);
    expect(top('template not found in pt_br', 1)).toEqual(['132001']);
    expect(top('phone number not registered on cloud api', 1)).toEqual(['133010']);
  });

  it('reads a number in the words as a quantity, not as a word to match: "expects 3 variables but we sent 2"', () => {
    expect(top('template expects 3 variables but we sent 2', 1)).toEqual(['132000']);
  });

  it('reads typos and run-together words the way people type them in a hurry', () => {
    expect(top('templete does not exsit', 1)).toEqual(['132001']);
    expect(top('reengagement message', 1)).toEqual(['131047']);
    expect(top('whatsapp pay tos pending', 1)).toEqual(['134011']);
    // A misspelt word still makes the whole phrase: "tempalte paused" is the phrase "template paused".
    expect(top('tempalte paused', 1)).toEqual(['132015']);
  });

  it('finds nothing for words no entry uses', () => {
    expect(searchWords('zebra xylophone')).toEqual([]);
  });
});

describe('long posts, read for the error they quote', () => {
  const top = (query: string) => explain(query).matches[0]?.code;

  it("answers Meta's titles and details quoted inside a sentence", () => {
    expect(top('i followed the tutorial and got this response after step 2: Generic error')).toBe('131000');
    expect(top('Many numbers cause an exception with the message "Receiver is incapable of receiving this message".')).toBe('131026');
    expect(top('Template messages fail with Error ("Message undeliverable") when sent between two business accounts')).toBe('131026');
    expect(top('If the API reports an error of type "pair rate limit hit" when we send, block that user')).toBe('131056');
  });

  it("finds Meta's details sentence in a post that quotes part of it, in its own words around it", () => {
    // Runs of Meta's own words (meta-texts.ts), not the catalog's: the titles alone do not tell these apart.
    expect(top('our sends stopped with something about 10 messages using this flow already sent in the last hour')).toBe('132069');
    expect(top('the template was paused too many times due to low quality and is now permanently disabled, what now')).toBe('132016');
    expect(top('register call says the phone number you are attempting to register was recently deleted')).toBe('133015');
    expect(top("support says there's an issue with the parameters in your template")).toBe('132018');
  });

  it('reads the phrase around a field name Graph fills in', () => {
    // "(#100) The parameter <name> is required" and "Param <path> must be a JSON object" are Graph's code 100;
    // On-Premise 1010's title is "Parameter is not required".
    expect(top('Graph says The parameter messaging_product is required when we post a message')).toBe('100');
    expect(top("Param interactive['action']['buttons'] must be a JSON object")).toBe('100');
    expect(top('header text cannot be null for header type text')).toBe('131009');
  });

  it('keeps "not" inside a phrase: a parameter required is no parameter not required', () => {
    expect(top('the parameter is required')).toBe('100');
    expect(top('parameter not required')).toBe('1010');
  });

  it('knows how people describe errors the catalog words differently', () => {
    expect(top('the webhook delivers an unknown message whenever another business number writes to us')).toBe('131051');
    expect(top('customers who block our business make every campaign send fail')).toBe('131050');
    expect(top('replies to numbers from Mexico fail but Spain works fine')).toBe('131030');
    expect(top('we hit the cap of 10 register requests in 72h for this number')).toBe('133016');
    // A template's image or video header is its media header (132012); an interactive message's is not.
    expect(top('our campaign template with a video header fails for every contact')).toBe('132012');
    expect(top('the template has a dynamic url button and the send is refused')).toBe('131008');
  });

  it('reads a quoted field name as a name, not as the message Meta answered', () => {
    expect(top('Param sub_type must be one of {URL, QUICK_REPLY} - got "phone_number"')).toBe('100');
  });

  it("does not let a signal's name answer one of its words: a bare template question is no TEMPLATE_RED", () => {
    expect(top('unable to send the template at all')).not.toBe('TEMPLATE_RED');
  });

  it('lets the words beat an HTTP status said in passing, not a status asked about', () => {
    expect(top('In Replit I get a 400 error after the first message. Unsupported post request. Object with ID does not exist')).toBe('100');
    expect(top('bad gateway 502')).toBe('502');
  });

  it('keeps the Calling, Groups and Flows codes for questions that name those APIs', () => {
    expect(top('the recipient cannot receive a message from us, accept latest terms')).toBe('131026');
  });

  it('reads Portuguese and Spanish posts for the words the catalog uses', () => {
    expect(top('a mensagem não é entregue fora da janela de 24 horas, só com modelo aprovado')).toBe('131047');
  });
});
