import { useCallback, useEffect, useRef, useState } from 'react';

// A newest-first list paged backwards with ?before=<last id> (ids are UUIDv7, so they sort by time).
// Reloads from the top when the key (the filters) changes or on reload(); loadMore() appends older rows.

export interface Paged<T> {
  items: T[];
  /** True until the first page has arrived (or failed). */
  loading: boolean;
  error: unknown;
  /** An error of the last loadMore(), shown under the list. */
  moreError: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces rows in place (after an action changed one). */
  update: (fn: (items: T[]) => T[]) => void;
}

interface State<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  moreError: unknown;
  hasMore: boolean;
  loadingMore: boolean;
}

export function usePaged<T extends { id: string }>(
  load: (before: string | undefined) => Promise<T[]>,
  pageSize: number,
  key = '',
): Paged<T> {
  const [state, setState] = useState<State<T>>({
    items: [],
    loading: true,
    error: null,
    moreError: null,
    hasMore: false,
    loadingMore: false,
  });
  const [round, setRound] = useState(0);
  // The latest loader and rows, read by loadMore without re-creating it on every render.
  const loadRef = useRef(load);
  loadRef.current = load;
  const itemsRef = useRef<T[]>([]);
  itemsRef.current = state.items;
  const generation = useRef(0);

  useEffect(() => {
    const gen = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null, moreError: null }));
    loadRef.current(undefined).then(
      (items) =>
        gen === generation.current &&
        setState({
          items,
          loading: false,
          error: null,
          moreError: null,
          hasMore: items.length >= pageSize,
          loadingMore: false,
        }),
      (error: unknown) =>
        gen === generation.current && setState((s) => ({ ...s, loading: false, error, loadingMore: false })),
    );
    // `load` is a fresh closure each render; `key` and `round` say when to load again.
  }, [key, round, pageSize]);

  const loadMore = useCallback(() => {
    const last = itemsRef.current[itemsRef.current.length - 1];
    if (!last) return;
    const gen = generation.current;
    setState((s) => ({ ...s, loadingMore: true, moreError: null }));
    loadRef.current(last.id).then(
      (page) =>
        gen === generation.current &&
        setState((s) => {
          const seen = new Set(s.items.map((i) => i.id));
          return {
            ...s,
            items: [...s.items, ...page.filter((i) => !seen.has(i.id))],
            hasMore: page.length >= pageSize,
            loadingMore: false,
          };
        }),
      (moreError: unknown) =>
        gen === generation.current && setState((s) => ({ ...s, moreError, loadingMore: false })),
    );
  }, [pageSize]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const update = useCallback(
    (fn: (items: T[]) => T[]) => setState((s) => ({ ...s, items: fn(s.items) })),
    [],
  );
  return { ...state, loadMore, reload, update };
}
