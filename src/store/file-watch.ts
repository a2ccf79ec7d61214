import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from '../telemetry/log.js';

/**
 * Notices the SQLite file being deleted or replaced under the running bot. SQLite keeps working
 * on the file it opened (an unlinked inode), so nothing fails — until the next start finds an
 * empty store and posts every open incident again. Neither exiting nor reopening helps then:
 * both start from the new (empty) file and lose what the running process still holds. So the bot
 * stays up, keeps its cards current, and says so loudly: /readyz fails and the log names the file,
 * for a person to restore it (or to restart knowingly). Returns the problem now, if any.
 */
export function watchStoreFile(storeUrl: string, logger: Logger): () => string | undefined {
  if (!storeUrl.startsWith('sqlite://')) return () => undefined;
  const path = resolve(storeUrl.slice('sqlite://'.length));
  const inode = (() => {
    try {
      return statSync(path).ino;
    } catch {
      return undefined;
    }
  })();
  let said: string | undefined;
  return () => {
    let problem: string | undefined;
    try {
      if (inode !== undefined && statSync(path).ino !== inode) problem = `the store file ${path} was replaced under the running bot`;
    } catch {
      problem = `the store file ${path} was deleted under the running bot`;
    }
    if (problem && problem !== said) logger.error(`${problem}: state lives on in this process only; restore the file or restart knowingly`);
    said = problem;
    return problem;
  };
}
