import type { AuditPort } from '../../kernel/index.js';
import { ledgerRepo } from './ledger.repository.js';

// The evidence module's audit port: the kernel's table port writes the event (and its salt) and this adds the
// event to the sequencer's queue — all in the transaction of the change, so an event exists in the ledger's
// future exactly when the change committed.

/** Wraps the kernel's audit port so every event is queued for the Merkle log. */
export function ledgerAuditPort(inner: AuditPort): AuditPort {
  return {
    async record(tx, ctx, event, at) {
      const id = await inner.record(tx, ctx, event, at);
      await ledgerRepo.enqueue(tx, id);
      return id;
    },
  };
}
