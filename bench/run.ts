/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { benchClip } from './clip.js';
import { benchIdle } from './idle.js';
import { benchOutage } from './outage.js';
import { benchPollPass } from './pass.js';
import { benchPassProcess } from './pass-process.js';
import { benchReplicas } from './replicas.js';
import { benchStartup } from './startup.js';
import { benchTick } from './tick.js';
import { benchWaError } from './wa-error.js';
import { benchWebhooks } from './webhooks.js';

// 'wa-error', 'poll', 'passprocess', 'idle', 'webhook', 'tick', 'startup', 'outage', 'clip':
// matched against the function names, punctuation aside.
const only = process.argv[2]?.toLowerCase().replace(/[^a-z0-9]/g, '');
const benches = [
  benchWaError,
  benchPollPass,
  benchPassProcess,
  benchWebhooks,
  benchTick,
  benchIdle,
  benchStartup,
  benchOutage,
  benchReplicas,
  benchClip,
].filter((b) => !only || b.name.toLowerCase().includes(only));
let allOk = true;
for (const bench of benches) {
  const { ok, lines } = await bench();
  allOk &&= ok;
  console.log(lines.join('\n'));
  console.log('');
}
console.log(allOk ? 'all targets met' : 'some targets missed');
