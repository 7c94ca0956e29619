import { useCallback, useState } from 'react';

// A button's call to the API: busy while it runs, the error it ended with (for an ErrorNotice), and the
// result for the caller (undefined when it failed).

export interface Action {
  busy: boolean;
  error: unknown;
  run: <T>(call: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
