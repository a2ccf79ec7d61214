/**
 * Meta's On-Premise client error table, its 2xxx rows: templates, list and product messages, commerce
 * compliance. 2000, 2001, 2061 and 2062 are in seed.ts; the Flow rows 2064–2070 in flows.ts.
 * Sources as for onprem-client.ts: the code list and titles from great-detail/WhatsApp-Nodejs-SDK,
 * src/types/Error.ts at commit 2ac4a29 (citing https://developers.facebook.com/docs/whatsapp/on-premises/errors),
 * descriptions from stored copies of Meta's page and its reprints. No copy lists 2018–2022, 2031–2035,
 * 2037–2049, 2051–2059 or 2063. All text is written for this project.
 */
import type { CatalogEntry, Escalation, Retry } from '../types.js';

const RETIRED = 'On-Premise was retired in October 2025.';
const TEMPLATE_FIX = {
  verdict: 'no',
  why: 'The message does not fit the template or the rules for it; you fix the request or the template.',
} as const;
const MESSAGE_FIX = { verdict: 'no', why: 'The message breaks a rule of its type; you fix the request or the catalog.' } as const;

interface Row {
  readonly title: string;
  readonly meaning: string;
  readonly steps: readonly string[];
  readonly keywords: readonly string[];
  readonly similar?: readonly string[];
  readonly escalation?: Escalation;
  readonly retry?: Retry;
}

function template(code: string, r: Row): CatalogEntry {
  const { meaning, keywords, escalation, retry, ...rest } = r;
  return {
    id: `onprem-${code}`,
    code,
    generation: 'onprem',
    surfaces: ['api-response', 'webhook'],
    ...rest,
    meaning: `${meaning} ${RETIRED}`,
    escalation: escalation ?? TEMPLATE_FIX,
    severity: 'warning',
    retry: retry ?? 'no',
    keywords: ['on-premise', 'template', ...keywords],
  };
}

/** Interactive list and product messages, and the catalog behind them. */
function message(code: string, r: Row): CatalogEntry {
  const { meaning, keywords, ...rest } = r;
  return {
    id: `onprem-${code}`,
    code,
    generation: 'onprem',
    surfaces: ['api-response'],
    ...rest,
    meaning: `${meaning} ${RETIRED}`,
    escalation: MESSAGE_FIX,
    severity: 'info',
    retry: 'no',
    keywords: ['on-premise', ...keywords],
  };
}

export const onpremTemplateEntries: readonly CatalogEntry[] = [
  template('2002', {
    title: 'Template fetch failed',
    meaning: 'The client could not download the template from WhatsApp’s servers to fill it in.',
    steps: ['Send again after a short wait.', 'If every template fails this way for 30 minutes, contact support.'],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 30 },
      when: 'if templates keep failing to download for more than 30 minutes',
    },
    retry: 'backoff',
    keywords: ['template fetch failed'],
  }),
  template('2003', {
    title: 'Template pack missing for the language',
    meaning: 'The client has no template pack for the language and locale given in the message.',
    steps: ['Check the language code of the message against the template’s approved translations.', 'Add the translation if needed.'],
    keywords: ['template pack missing', 'language pack', 'locale'],
  }),
  template('2004', {
    title: 'Template parameter too long',
    meaning: 'A value sent for a template variable is longer than allowed.',
    steps: ['Shorten the value of the variable named in the details.'],
    keywords: ['template param length too long', 'parameter too long'],
  }),
  template('2005', {
    title: 'Template text too long once filled in',
    meaning: 'With the variables filled in, the template’s translated text is longer than allowed.',
    steps: ['Send shorter variable values, or shorten the template text.'],
    similar: ['cloud-132005'],
    keywords: ['hydrated text too long', 'translated text too long'],
  }),
  template('2006', {
    title: 'Template white space policy violated',
    meaning: 'A variable value breaks the white space rules: new lines, tabs or runs of several spaces are not allowed in it.',
    steps: ['Remove new lines, tabs and repeated spaces from the variable values.'],
    keywords: ['white space policy', 'newline in parameter', 'tabs'],
  }),
  template('2007', {
    title: 'Template format character policy violated',
    meaning: 'The template content breaks a WhatsApp format or content policy.',
    steps: ['Check the template and the values against Meta’s template rejection reasons, and change what breaks them.'],
    similar: ['cloud-132007'],
    keywords: ['format character policy', 'template policy'],
  }),
  template('2008', {
    title: 'Template media format unsupported',
    meaning: 'The media in the template header is of a format WhatsApp does not support there.',
    steps: ['Use a media type that Meta lists as supported for template headers, and send again.'],
    keywords: ['template media format', 'unsupported media'],
  }),
  template('2009', {
    title: 'Template required component missing',
    meaning: 'The message leaves out a component the template requires, such as its header media or a button value.',
    steps: ['Compare the components of the message with the template and add the missing one.'],
    keywords: ['required component missing', 'template component'],
    // Cloud answers the same omission with 132000, the count of parameters that does not match (david-lev/pywa#154).
    similar: ['cloud-132000'],
  }),
  template('2010', {
    title: 'Template invalid hydrated URL',
    meaning: 'The URL built for a button of the template, with its variable filled in, is not valid.',
    steps: ['Check the URL variable value: it must give a valid URL together with the template’s base URL.'],
    keywords: ['invalid hydrated url'],
  }),
  template('2011', {
    title: 'Template button phone number invalid',
    meaning: 'The phone number of a call button in the template is not valid.',
    steps: ['Fix the button’s phone number (international format) in the template.'],
    keywords: ['invalid phone number', 'call button'],
  }),
  template('2012', {
    title: 'Template parameter format mismatch',
    meaning: 'The variable values are not in the format the template defines for them.',
    steps: ['Send each value in the format the template expects (text, currency, date and time, media).'],
    similar: ['cloud-132012'],
    keywords: ['parameter format mismatch'],
  }),
  template('2013', {
    title: 'Template buttons unsupported',
    meaning: 'The template’s buttons are not supported for this message.',
    steps: ['Send the template without those buttons, or use a template whose buttons the client supports.'],
    keywords: ['template buttons unsupported'],
  }),
  template('2014', {
    title: 'Template namespace is empty',
    meaning: 'The template message was sent without the template namespace the client expects.',
    steps: ['Add the WhatsApp Business Account’s template namespace to the message.'],
    keywords: ['expected namespace is empty', 'namespace'],
  }),
  message('2015', {
    title: 'Invalid number of list sections',
    meaning: 'A list message has fewer sections than needed or more than allowed: at least 1 and at most 10.',
    steps: ['Give the list between 1 and 10 sections.'],
    keywords: ['list message', 'sections'],
  }),
  message('2016', {
    title: 'Invalid number of list rows',
    meaning: 'A list message has a section without rows, or more rows than allowed.',
    steps: ['Give every section at least one row and keep the total within the limit.'],
    keywords: ['list message', 'rows'],
  }),
  message('2017', {
    title: 'Character policy violated in the message',
    meaning: 'Text in the message breaks the format character policy.',
    steps: ['Remove the characters or formatting that the details point at.'],
    keywords: ['message character policy'],
  }),
  message('2023', {
    title: 'Invalid number of products',
    meaning: 'A product message has more products (or sections) than allowed, or none.',
    steps: ['Keep the products and sections of the message within Meta’s limits for multi-product messages.'],
    keywords: ['product message', 'number of products'],
  }),
  message('2024', {
    title: 'Catalog id not found',
    meaning: 'The catalog id in the product message does not exist.',
    steps: ['Check the catalog id in Commerce Manager and use that one.'],
    keywords: ['catalog id not found', 'commerce'],
  }),
  message('2025', {
    title: 'Catalog not linked to the number',
    meaning: 'The catalog exists but is not connected to this business number’s account.',
    steps: ['Connect the catalog to the WhatsApp Business Account in Commerce Manager or WhatsApp Manager.'],
    keywords: ['catalog not linked', 'commerce'],
  }),
  message('2026', {
    title: 'Products missing from the message',
    meaning: 'The product message names no products, or leaves out product ids it needs.',
    steps: ['Add the product_retailer_id of each product to the message.'],
    keywords: ['missing products', 'product_retailer_id'],
  }),
  message('2027', {
    title: 'No products found',
    meaning: 'None of the products named in the message were found in the catalog.',
    steps: ['Check the product ids against the catalog and that the products are visible.'],
    keywords: ['no products found', 'catalog'],
  }),
  message('2028', {
    title: 'All products failed compliance',
    meaning: 'Every product in the message failed Meta’s commerce compliance checks, so none can be shown.',
    steps: ['Complete the compliance information of the products in the catalog, then send again.'],
    keywords: ['products failed compliance'],
  }),
  message('2029', {
    title: 'Some products failed compliance',
    meaning: 'Some products in the message failed Meta’s commerce compliance checks.',
    steps: ['Complete the compliance information of the products named, or leave them out.'],
    keywords: ['products failed compliance'],
  }),
  message('2030', {
    title: 'Products invalid or failed compliance',
    meaning: 'The message mixes products that do not exist with products that failed the compliance checks.',
    steps: ['Fix the product ids and the compliance information, then send again.'],
    keywords: ['products failed compliance', 'invalid products'],
  }),
  message('2036', {
    title: 'Invalid header structure',
    meaning: 'The header object of the interactive or template message is not structured as the API expects.',
    steps: ['Compare the header object with the API reference (type and its matching field) and fix it.'],
    keywords: ['invalid header structure', 'header object'],
    // Cloud answers a header it cannot read with 131009 (Secreto31126/whatsapp-api-js#1 and #54).
    similar: ['cloud-131009'],
  }),
  message('2050', {
    title: 'Compliance information missing',
    meaning: 'The business has not given the compliance information that commerce messages need in some countries.',
    steps: ['Add the business compliance information (WhatsApp Manager or the commerce settings API), then send again.'],
    keywords: ['missing compliance info', 'compliance'],
  }),
  template('2060', {
    title: 'Template rejected',
    meaning: 'The template was rejected in review, so it cannot be sent.',
    steps: [
      'Read the rejection reason in WhatsApp Manager.',
      'Edit the template to fix it, or create a new one, and submit it for review.',
    ],
    keywords: ['template rejected'],
  }),
];
