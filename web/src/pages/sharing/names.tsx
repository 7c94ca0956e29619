import { useEffect, useState } from 'react';
import { listOrganisations } from '../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { getApplication } from './sharing-api';
import type { Application } from './types';
import { useCatalogueResource } from './use-catalogue';

// Names for the ids the sharing API returns. Applications and queue entries carry organisation and resource
// ids only: resources are named by the catalogue (which every user may read), organisations by the
// directory as far as the caller may read it (the bureau: all; a department: its own) — otherwise the page
// shows a short id rather than nothing.

// Kept per user: what the directory lets one read is not what it lets the next user of the tab read.
const orgsByUser = new Map<string, Promise<Map<string, string>>>();

function orgNames(userId: string): Promise<Map<string, string>> {
  let p = orgsByUser.get(userId);
  if (!p) {
    p = listOrganisations().then(
      (list) => new Map(list.map((o) => [o.id, o.shortName ?? o.name])),
      () => new Map<string, string>(),
    );
    orgsByUser.set(userId, p);
  }
  return p;
}

/** The name of an organisation the caller may read, else a short form of its id. */
export function OrgName({ id, fallback }: { id: string | null; fallback?: string | null }) {
  const { t } = useI18n();
  const [name, setName] = useState<string | null>(null);
  const { user } = useSession();
  const me = user.orgId;
  useEffect(() => {
    let live = true;
    if (id) void orgNames(user.id).then((m) => live && setName(m.get(id) ?? null));
    return () => {
      live = false;
    };
  }, [id, user.id]);
  if (!id) return <span className="muted">{t('common.none')}</span>;
  const text =
    name ?? fallback ?? (id === me ? t('sharing.ownOrg') : t('sharing.orgId', { id: id.slice(-6) }));
  return <span title={id}>{text}</span>;
}

/** A resource's name from the catalogue (its id while loading or when it cannot be read). */
export function ResourceName({ id }: { id: string }) {
  const doc = useCatalogueResource(id);
  return <span title={id}>{doc?.name ?? id.slice(0, 8)}</span>;
}

/** Applications fetched for one view (the queue names each entry's resource through them). */
export type ApplicationCache = Map<string, Promise<Application>>;

/** An application from the view's cache, fetched on first use. */
export function useCachedApplication(cache: ApplicationCache, id: string): Application | undefined {
  const [app, setApp] = useState<Application | undefined>(undefined);
  useEffect(() => {
    let live = true;
    let p = cache.get(id);
    if (!p) {
      p = getApplication(id);
      cache.set(id, p);
    }
    p.then(
      (a) => live && setApp(a),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [cache, id]);
  return app;
}
