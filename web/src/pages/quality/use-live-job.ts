import { useCallback, useEffect, useRef, useState } from 'react';
import { getJob, isActive, type IngestJob } from '../../api/quality';

// One ingestion job, read again every second while it is queued or running. When a job this hook saw
// running has ended, `onEnded` runs once (the page then reloads its history and the data table's state).

export const POLL_MS = 1000;

export interface LiveJob {
  job: IngestJob | undefined;
  error: unknown;
  /** Reads the job again (after an error, or after an action changed it). */
  reload: () => void;
}

export function useLiveJob(jobId: string | null, onEnded: () => void): LiveJob {
  const [state, setState] = useState<{ job?: IngestJob; error: unknown }>({ error: null });
  const [round, setRound] = useState(0);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    if (jobId === null) {
      setState({ error: null });
      return;
    }
    let live = true;
    let timer: number | undefined;
    let sawActive = false;
    const tick = async () => {
      try {
        const j = await getJob(jobId);
        if (!live) return;
        setState({ job: j, error: null });
        if (isActive(j.status)) {
          sawActive = true;
          timer = window.setTimeout(() => void tick(), POLL_MS);
        } else if (sawActive) ended.current();
      } catch (error) {
        if (live) setState((s) => ({ ...s, error }));
      }
    };
    setState((s) => (s.job?.id === jobId ? s : { error: null }));
    void tick();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [jobId, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { job: state.job, error: state.error, reload };
}
