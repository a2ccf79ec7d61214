import type { TestProject } from 'vitest/node';
import { buildForProcesses, removeBuild } from './process-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's transpiled src/ and test/support/ are (see process-build.ts). */
    processBuild: string;
  }
}

/** Once per run, before any test file: the JavaScript every real process of this run starts from. */
export default function setup(project: TestProject): () => void {
  const out = buildForProcesses();
  project.provide('processBuild', out);
  return () => removeBuild(out);
}
