import { useEffect } from 'react';
import { refreshUnread, setUnread, useUnread } from '../api/unread-store';
import { useI18n } from '../i18n/i18n';
import { Link, usePath } from '../nav/router';

// The inbox bell in the top bar: the unread count, polled every 30 s, on returning to the tab and on every
// page change (and refreshed by the pages after their actions), linking to 消息.

const POLL_MS = 30_000;

export function InboxBell() {
  const { t } = useI18n();
  const unread = useUnread();
  const path = usePath();

  useEffect(() => {
    const timer = window.setInterval(() => void refreshUnread(), POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      setUnread(null); // the next user starts from nothing
    };
  }, []);

  // Moving to another page is a natural moment to catch up (cheap: one count query).
  useEffect(() => {
    void refreshUnread();
  }, [path]);

  const n = unread ?? 0;
  const label = n > 0 ? t('inbox.bellUnread', { n }) : t('inbox.bell');
  return (
    <Link to="/inbox" className="inbox-bell" current={path === '/inbox'} title={label} testId="inbox-bell">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="visually-hidden">{label}</span>
      {n > 0 && (
        <span className="bell-count" data-testid="unread-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </Link>
  );
}
