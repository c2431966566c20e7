import fs from 'node:fs';
import path from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@skillgraph/platform';

export interface SupergraphFileOptions {
  /** The composed supergraph to serve. */
  file: string;
  logger: Logger;
  /** Quiet period after the last change event before the file is read again. Default 100 ms. */
  debounceMs?: number;
}

/**
 * Serves the supergraph from a file and swaps to a new one when the file changes. The gateway
 * builds the new schema before switching, so requests already running finish on the old one and
 * a file that does not load keeps the old schema in place.
 * We watch the folder, not the file: editors and `npm run compose` may replace the file by a
 * rename, after which a watch on the old inode would never fire again.
 */
export function supergraphFromFile({ file, logger, debounceMs = 100 }: SupergraphFileOptions): SupergraphManager {
  return {
    async initialize({ update }) {
      let current = fs.readFileSync(file, 'utf8');
      let timer: NodeJS.Timeout | undefined;
      const reload = (): void => {
        let next: string;
        try {
          next = fs.readFileSync(file, 'utf8');
        } catch (error) {
          logger.warn({ err: error, file }, 'supergraph file unreadable; keeping the current schema');
          return;
        }
        if (next === current || next.trim() === '') return;
        try {
          update(next);
          current = next;
          logger.info({ file }, 'supergraph reloaded');
        } catch (error) {
          logger.error({ err: error, file }, 'new supergraph rejected; keeping the current schema');
        }
      };
      const watcher = fs.watch(path.dirname(file), (_event, name) => {
        if (name !== null && name !== path.basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(reload, debounceMs);
      });
      return {
        supergraphSdl: current,
        async cleanup() {
          clearTimeout(timer);
          watcher.close();
        },
      };
    },
  };
}
