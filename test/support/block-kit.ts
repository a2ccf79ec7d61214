/**
 * Checks a message against Slack's Block Kit limits and our own rules (a top-level text,
 * no broadcast or mention that user input could smuggle in). Returns the problems found.
 */
export function blockKitProblems(message: unknown): string[] {
  const problems: string[] = [];
  const m = message as { text?: unknown; blocks?: unknown };
  if (typeof m.text !== 'string' || m.text.trim() === '') problems.push('no top-level text');
  else if (m.text.length > 4000) problems.push(`top-level text is ${m.text.length} chars`);
  const blocks = (m.blocks ?? []) as Record<string, any>[];
  if (!Array.isArray(blocks)) return [...problems, 'blocks is not an array'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);

  const blockIds = new Set<string>();
  const textObject = (t: any, where: string, max: number) => {
    if (!t || typeof t.text !== 'string' || t.text.length === 0) problems.push(`${where}: empty text`);
    else if (t.text.length > max) problems.push(`${where}: ${t.text.length} chars (max ${max})`);
    if (t && !['plain_text', 'mrkdwn'].includes(t.type)) problems.push(`${where}: bad text type ${t.type}`);
  };
  blocks.forEach((b, i) => {
    const where = `blocks[${i}] (${b.type})`;
    if (b.block_id !== undefined) {
      if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id ${b.block_id}`);
      if (String(b.block_id).length > 255) problems.push(`${where}: block_id too long`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        if (b.text?.type !== 'plain_text') problems.push(`${where}: header must be plain_text`);
        textObject(b.text, where, 150);
        break;
      case 'section':
        if (!b.text && !b.fields) problems.push(`${where}: needs text or fields`);
        if (b.text) textObject(b.text, where, 3000);
        if (b.fields && b.fields.length > 10) problems.push(`${where}: more than 10 fields`);
        for (const f of b.fields ?? []) textObject(f, `${where}.fields`, 2000);
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) problems.push(`${where}: 1–10 elements`);
        for (const e of b.elements ?? []) textObject(e, `${where}.element`, 3000);
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) problems.push(`${where}: 1–25 elements`);
        for (const e of b.elements ?? []) {
          if (e.type === 'button') {
            textObject(e.text, `${where}.button`, 75);
            if (e.text?.type !== 'plain_text') problems.push(`${where}: button text must be plain_text`);
            if (e.value !== undefined && String(e.value).length > 2000) problems.push(`${where}: button value too long`);
          }
          if (!e.action_id || String(e.action_id).length > 255) problems.push(`${where}: bad action_id`);
        }
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });

  const all = JSON.stringify(message);
  for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<!subteam']) {
    if (all.includes(ping)) problems.push(`contains ${ping}`);
  }
  return problems;
}

/** All the visible text of a message, for assertions that read like a person would. */
export function visibleText(message: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(message);
  return out.join('\n');
}

/**
 * Checks a modal against Slack's documented view limits (docs.slack.dev → reference → views, and the block
 * and element references): title, submit and close plain_text ≤ 24 characters, 1–100 blocks, callback_id ≤ 255,
 * private_metadata ≤ 3000; input labels and hints ≤ 2000; plain_text_input max_length ≤ 3000 and initial value
 * within it; checkbox options 1–10, their text and description ≤ 75. Message-block limits apply to the rest.
 */
export function modalProblems(view: unknown): string[] {
  const problems: string[] = [];
  const v = view as Record<string, any>;
  if (v?.type !== 'modal') return ['not a modal'];
  const short = (t: any, where: string, required: boolean) => {
    if (t === undefined) {
      if (required) problems.push(`${where} missing`);
      return;
    }
    if (t.type !== 'plain_text') problems.push(`${where} must be plain_text`);
    if (typeof t.text !== 'string' || t.text.length === 0 || t.text.length > 24)
      problems.push(`${where}: ${t?.text?.length} chars (max 24)`);
  };
  short(v.title, 'title', true);
  short(v.submit, 'submit', false);
  short(v.close, 'close', false);
  if (v.submit === undefined && (v.blocks ?? []).some((b: any) => b.type === 'input')) problems.push('inputs without a submit button');
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) problems.push('private_metadata over 3000');
  if (typeof v.callback_id === 'string' && v.callback_id.length > 255) problems.push('callback_id over 255');
  const blocks = (v.blocks ?? []) as Record<string, any>[];
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 100) problems.push(`${blocks.length} blocks (1–100)`);
  const plainWithin = (t: any, where: string, max: number) => {
    if (t?.type !== 'plain_text' || typeof t.text !== 'string' || t.text.length === 0 || t.text.length > max)
      problems.push(`${where}: bad plain_text (max ${max})`);
  };
  const others: Record<string, any>[] = [];
  blocks.forEach((b, i) => {
    if (b.type !== 'input') {
      others.push(b);
      return;
    }
    const where = `blocks[${i}] (input)`;
    plainWithin(b.label, `${where}.label`, 2000);
    if (b.hint !== undefined) plainWithin(b.hint, `${where}.hint`, 2000);
    const e = b.element ?? {};
    if (!e.action_id || String(e.action_id).length > 255) problems.push(`${where}: bad action_id`);
    if (e.type === 'plain_text_input') {
      if (e.max_length !== undefined && (e.max_length < 1 || e.max_length > 3000)) problems.push(`${where}: max_length ${e.max_length}`);
      if (e.initial_value !== undefined && String(e.initial_value).length > (e.max_length ?? 3000))
        problems.push(`${where}: initial value too long`);
    } else if (e.type === 'checkboxes') {
      if (!Array.isArray(e.options) || e.options.length === 0 || e.options.length > 10) problems.push(`${where}: 1–10 options`);
      for (const o of e.options ?? []) {
        if (typeof o.text?.text !== 'string' || o.text.text.length > 75) problems.push(`${where}: option text over 75`);
        if (o.description && o.description.text.length > 75) problems.push(`${where}: option description over 75`);
        if (typeof o.value !== 'string' || o.value.length > 75) problems.push(`${where}: option value`);
      }
    } else problems.push(`${where}: unexpected element ${e.type}`);
  });
  // Every other block follows the message rules; a modal has no top-level text, so that one is supplied.
  const rest = blockKitProblems({ text: 'modal', blocks: others }).filter((p) => !/blocks \(max 50\)/.test(p));
  return [...problems, ...rest];
}
