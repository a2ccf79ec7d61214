/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { benchPoll } from './poll.js';
import { benchWaError } from './wa-error.js';
import { benchWebhooks } from './webhooks.js';

const only = process.argv[2];
const benches = [benchWaError, benchPoll, benchWebhooks].filter((b) => !only || b.name.toLowerCase().includes(only));
let allOk = true;
for (const bench of benches) {
  const { ok, lines } = await bench();
  allOk &&= ok;
  console.log(lines.join('\n'));
  console.log('');
}
console.log(allOk ? 'all targets met' : 'some targets missed');
