import { useSyncExternalStore } from 'react';
import { getUnreadCount } from './ops-endpoints';

// The unread-message count shown by the inbox bell. One value for the whole console: the bell polls it,
// and pages that read or change messages update it, so the badge never lags behind an action.

let unread: number | null = null;
let round = 0;
const listeners = new Set<() => void>();

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Sets the count (null: unknown, e.g. after logout). */
export function setUnread(n: number | null): void {
  round += 1; // a newer value wins over a poll still in flight
  if (n === unread) return;
  unread = n;
  for (const l of listeners) l();
}

/** Asks the server for the count; failures are left to the next poll. */
export async function refreshUnread(): Promise<void> {
  const mine = ++round;
  try {
    const r = await getUnreadCount();
    if (mine === round) setUnread(r.unread);
  } catch {
    // The bell keeps its last value; an ended session is handled by the API client.
  }
}

/** The current unread count (re-renders when it changes). */
export function useUnread(): number | null {
  return useSyncExternalStore(subscribe, () => unread);
}
