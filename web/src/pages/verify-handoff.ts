import type { NotarisationReceipt } from '../api/evidence-types';

// Hands a receipt from 电子存证 to 存证核验 within the tab ("verify it"), so the user only picks the file.
// Kept in memory only: a reload starts empty (the receipt is downloadable as well). The verify page peeks at
// it when it mounts and clears it afterwards, so a later visit starts empty.

let pending: NotarisationReceipt | null = null;

/** Leaves a receipt for the verify page. */
export function handOverReceipt(r: NotarisationReceipt): void {
  pending = r;
}

/** The receipt left for the verify page, if any. */
export function pendingReceipt(): NotarisationReceipt | null {
  return pending;
}

/** Forgets the receipt left for the verify page. */
export function clearPendingReceipt(): void {
  pending = null;
}
