import type { D360Client } from '../d360/client.js';
import type { Observation } from '../core/observation.js';
import { createPoller } from '../monitor/poller.js';
import type { WaNumber } from '../config/numbers.js';
import { checkTable } from './check-table.js';
import { safeForTerminal } from './terminal.js';

export const CHECK_EXIT = { healthy: 0, problem: 1, config: 2 } as const;

/** `npm run check`: every number once, a table, and an exit code cron can act on. */
export async function runCheck(options: {
  numbers: readonly WaNumber[];
  client: D360Client;
  concurrency: number;
  write: (text: string) => void;
}): Promise<number> {
  if (options.numbers.length === 0) {
    options.write('No numbers configured: list them in numbers.yml (README → Numbers) or set D360_API_KEY for a single number.\n');
    return CHECK_EXIT.config;
  }
  const poller = createPoller({ numbers: options.numbers, client: options.client, concurrency: options.concurrency });
  const observations: Observation[] = await poller.pollAll();
  const bad = observations.filter((o) => o.state !== 'healthy');
  options.write(safeForTerminal(`${checkTable(observations)}\n\n`));
  options.write(
    bad.length === 0
      ? `All ${observations.length} numbers healthy.\n`
      : `${bad.length} of ${observations.length} numbers need attention.\n`,
  );
  return bad.length === 0 ? CHECK_EXIT.healthy : CHECK_EXIT.problem;
}
