import { useState } from 'react';
import { listInbox, markAllRead, markMessageRead } from '../api/ops-endpoints';
import type { InboxMessage } from '../api/ops-types';
import { refreshUnread, setUnread, useUnread } from '../api/unread-store';
import { useAction } from '../api/use-action';
import { usePaged } from '../api/use-paged';
import { ErrorNotice } from '../components/error-notice';
import { PagedView } from '../components/paged-view';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../nav/router';
import { InboxItem } from './inbox-item';

// 消息: the user's inbox, newest first. Unread messages stand out; opening one marks it read and follows its
// link when that is a console path (e.g. /alerts/<id>). Older messages load with ?before=<last id>.

const PAGE = 30;

/** True for a path inside the console ('/alerts/…'), not an absolute or protocol-relative URL or the API. */
export function isConsolePath(link: string | null): link is string {
  return !!link && /^\/(?![/\\])[^\s]*$/.test(link) && !link.startsWith('/api/');
}

export function InboxPage() {
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const unread = useUnread();
  const action = useAction();
  const inbox = usePaged(
    async (before) => {
      const page = await listInbox({ unread: unreadOnly, before, limit: PAGE });
      setUnread(page.unread);
      return page.items;
    },
    PAGE,
    String(unreadOnly),
  );

  const markLocally = (id: string | null) => {
    const now = new Date().toISOString();
    inbox.update((items) =>
      items.map((m) => ((id === null || m.id === id) && !m.readAt ? { ...m, readAt: now } : m)),
    );
  };

  const markOne = async (m: InboxMessage): Promise<boolean> => {
    if (m.readAt) return true;
    const done = await action.run(() => markMessageRead(m.id));
    if (done === undefined) return false;
    markLocally(m.id);
    void refreshUnread();
    return true;
  };

  const open = async (m: InboxMessage) => {
    if ((await markOne(m)) && isConsolePath(m.link)) navigate(m.link);
  };

  const markAll = async () => {
    if ((await action.run(markAllRead)) === undefined) return;
    markLocally(null);
    void refreshUnread();
  };

  return (
    <section className="card">
      <div className="toolbar toolbar-split">
        <div className="segmented" role="group" aria-label={t('inbox.filter')}>
          <button
            type="button"
            className={unreadOnly ? '' : 'active'}
            aria-pressed={!unreadOnly}
            onClick={() => setUnreadOnly(false)}
          >
            {t('inbox.all')}
          </button>
          <button
            type="button"
            className={unreadOnly ? 'active' : ''}
            aria-pressed={unreadOnly}
            onClick={() => setUnreadOnly(true)}
            data-testid="inbox-unread-only"
          >
            {t('inbox.unreadOnly')}
          </button>
        </div>
        <div className="toolbar-actions">
          <span className="muted" data-testid="inbox-unread">
            {t('inbox.unreadCount', { n: unread ?? 0 })}
          </span>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={action.busy || !unread}
            onClick={() => void markAll()}
            data-testid="inbox-read-all"
          >
            {t('inbox.markAllRead')}
          </button>
        </div>
      </div>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <PagedView paged={inbox} moreLabel={t('inbox.older')}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty-state">{unreadOnly ? t('inbox.noUnread') : t('inbox.empty')}</p>
          ) : (
            <ul className="inbox-list" data-testid="inbox-list">
              {items.map((m) => (
                <InboxItem
                  key={m.id}
                  message={m}
                  busy={action.busy}
                  linked={isConsolePath(m.link)}
                  onOpen={() => void open(m)}
                  onMarkRead={() => void markOne(m)}
                />
              ))}
            </ul>
          )
        }
      </PagedView>
    </section>
  );
}
