import type { ProductEmulator } from './product-emulator';

export interface WriteWatch {
  /**
   * What was written since the last call: documents outside the audit log (created, changed or
   * removed) as `collection/id`, and how many audit log writes.
   */
  take(): { writes: string[]; audit: number };
  stop(): void;
}

/**
 * Records every committed write of the emulator's store: plain writes and transaction commits all
 * end in `store.apply`, so nothing a function changes escapes it, whichever SDK call made it.
 */
export function watchWrites(p: ProductEmulator): WriteWatch {
  const store = p.emu.db.store as unknown as { apply(writes: Array<{ collection: string; id: string }>): void };
  const original = store.apply;
  let writes: string[] = [];
  let audit = 0;
  store.apply = (ws) => {
    for (const w of ws) {
      if (w.collection === 'audit_log') audit++;
      else writes.push(`${w.collection}/${w.id}`);
    }
    return original.call(store, ws);
  };
  return {
    take() {
      const taken = { writes, audit };
      writes = [];
      audit = 0;
      return taken;
    },
    stop() {
      store.apply = original;
    },
  };
}
