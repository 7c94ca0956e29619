import type { InboxMessage } from '../api/ops-types';
import { useI18n } from '../i18n/i18n';

// One message of the inbox: unread ones in bold with a dot; the whole line opens it.

export function InboxItem(props: {
  message: InboxMessage;
  busy: boolean;
  linked: boolean;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  const { t, label, dateTime } = useI18n();
  const m = props.message;
  const unread = !m.readAt;
  const severity = m.type.startsWith('alert.') ? m.type.slice('alert.'.length) : null;
  return (
    <li className={`inbox-item${unread ? ' unread' : ''}`} data-testid="inbox-item">
      <button type="button" className="inbox-open" onClick={props.onOpen} disabled={props.busy}>
        <span className="inbox-dot" aria-hidden="true" />
        <span className="inbox-main">
          <span className="inbox-title">
            {unread && <span className="visually-hidden">{t('inbox.unread')} </span>}
            {m.title}
          </span>
          {m.body && <span className="inbox-body">{m.body}</span>}
          <span className="inbox-meta">
            <span className={`tag${severity ? ` tag-sev-${severity}` : ''}`}>
              {label('inboxType.', m.type)}
            </span>
            <span>{dateTime(m.createdAt)}</span>
            {props.linked && <span className="inbox-go">{t('inbox.view')} ›</span>}
          </span>
        </span>
      </button>
      {unread && (
        <button
          type="button"
          className="btn btn-link"
          onClick={props.onMarkRead}
          disabled={props.busy}
          data-testid="inbox-mark-read"
        >
          {t('inbox.markRead')}
        </button>
      )}
    </li>
  );
}
