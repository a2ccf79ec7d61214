/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { benchPass } from './pass.js';
import { benchStartup } from './startup.js';
import { benchTick } from './tick.js';
import { benchWaError } from './wa-error.js';
import { benchWebhooks } from './webhooks.js';

const only = process.argv[2];
const benches = [benchWaError, benchPass, benchWebhooks, benchTick, benchStartup].filter(
  (b) => !only || b.name.toLowerCase().includes(only),
);
let allOk = true;
for (const bench of benches) {
  const { ok, lines } = await bench();
  allOk &&= ok;
  console.log(lines.join('\n'));
  console.log('');
}
console.log(allOk ? 'all targets met' : 'some targets missed');
