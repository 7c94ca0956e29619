import { useEffect, useState } from 'react';
import { getPolicy, getResource, type PolicyState, type Resource } from '../../api/catalogue';

// The catalogue facts the sharing forms show beside each requested resource (items with levels, share types
// and default masks) and the level policy (methods per level, minimum masks). Both are the same for every
// user, so each is fetched once while the console is open (a reload reads them again) and shared by the parts
// that need it.

const resources = new Map<string, Promise<Resource>>();
let policy: Promise<PolicyState> | null = null;

/** A resource's published document from the shared cache (fetched on first use). */
export function catalogueResource(id: string): Promise<Resource> {
  let p = resources.get(id);
  if (!p) {
    p = getResource(id);
    resources.set(id, p);
    // A failed read is not cached: the next view asks again.
    p.catch(() => resources.delete(id));
  }
  return p;
}

/** A resource's published document, or undefined while it loads (null when it failed). */
export function useCatalogueResource(id: string): Resource | null | undefined {
  const [state, setState] = useState<Resource | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    catalogueResource(id).then(
      (r) => live && setState(r),
      () => live && setState(null),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return state;
}

/** The level policy in force, or undefined while it loads. */
export function usePolicy(): PolicyState | undefined {
  const [state, setState] = useState<PolicyState | undefined>(undefined);
  useEffect(() => {
    let live = true;
    policy ??= getPolicy().catch((e: unknown) => {
      policy = null;
      throw e;
    });
    policy.then(
      (p) => live && setState(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
