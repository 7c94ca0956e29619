import { useCallback, useEffect, useState } from 'react';
import { isPending, listPackages, type PackageView } from './packages-api';

// The organisation's packages (all, or one grant's), read again every second while any of them is queued or
// building, so a package shows ready (or failed) without a reload. Errors keep the last list shown.

export const POLL_MS = 1000;
const LIMIT = 100;

export interface LivePackages {
  packages: PackageView[] | undefined;
  error: unknown;
  /** Reads the list again now (after a request, or after an error). */
  reload: () => void;
}

export function useLivePackages(grantId?: string): LivePackages {
  const [state, setState] = useState<{ packages?: PackageView[]; error: unknown }>({ error: null });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const tick = async () => {
      try {
        const packages = await listPackages({ grantId, limit: LIMIT });
        if (!live) return;
        setState({ packages, error: null });
        if (packages.some((p) => isPending(p.status))) timer = window.setTimeout(() => void tick(), POLL_MS);
      } catch (error) {
        if (live) setState((s) => ({ ...s, error }));
      }
    };
    void tick();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [grantId, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { packages: state.packages, error: state.error, reload };
}
