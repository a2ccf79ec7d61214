import type { EngineInput } from '../../src/core/engine.js';

/** A poll that found `code` on `name` at `at`: the engine input the monitor would step with. */
export const pollDown = (name: string, at: number, code = '401', entryId = '360dialog-401'): EngineInput => ({
  kind: 'observation',
  observation: {
    number: name,
    at,
    state: 'down',
    findings: [{ entryId, code, severity: 'critical' }],
    summary: code,
    source: 'poll',
  },
});

/** A poll that found `name` healthy at `at`. */
export const pollHealthy = (name: string, at: number): EngineInput => ({
  kind: 'observation',
  observation: { number: name, at, state: 'healthy', findings: [], summary: 'ok', source: 'poll' },
});
