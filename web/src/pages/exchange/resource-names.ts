import { useEffect, useState } from 'react';
import { catalogueResource } from '../sharing/use-catalogue';

// Resource names for labels that must be plain text (drop-down options), from the shared catalogue cache.

/** Names by resource id, filled in as the catalogue answers (unknown ids stay absent). */
export function useResourceNames(ids: readonly string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const key = [...ids].sort().join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(
      ids.map((id) =>
        catalogueResource(id).then(
          (r) => [id, r.name] as const,
          () => null,
        ),
      ),
    ).then((pairs) => {
      if (live) setNames(new Map(pairs.filter((p): p is readonly [string, string] => p !== null)));
    });
    return () => {
      live = false;
    };
    // `ids` is a fresh array each render; `key` says when it changed.
  }, [key]);
  return names;
}
