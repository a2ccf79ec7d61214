/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
import { benchWaError } from './wa-error.js';

const benches = [benchWaError];
let allOk = true;
for (const bench of benches) {
  const { ok, lines } = await bench();
  allOk &&= ok;
  console.log(lines.join('\n'));
  console.log('');
}
console.log(allOk ? 'all targets met' : 'some targets missed');
