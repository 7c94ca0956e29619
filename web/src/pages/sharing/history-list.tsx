import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

// The timeline of an application or a grant: when, what, who, and the comment or reason people gave.

export interface TimelineRow {
  key: string;
  at: string;
  action: string;
  actor: string;
  subject?: ReactNode;
  comment: string | null;
}

export function HistoryList({ rows, testId }: { rows: TimelineRow[]; testId: string }) {
  const { t, label, dateTime } = useI18n();
  if (!rows.length) return <p className="empty-state">{t('common.empty')}</p>;
  return (
    <ol className="timeline" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} data-action={r.action}>
          <span className="timeline-at muted nowrap">{dateTime(r.at)}</span>
          <span className="timeline-what">
            <strong>{label('sharing.action.', r.action.replace(/^sharing\./, ''))}</strong>
            {r.subject && <span className="muted"> · {r.subject}</span>}
            {r.actor && <span className="muted"> · {r.actor}</span>}
          </span>
          {r.comment && <span className="timeline-comment pre-line">{r.comment}</span>}
        </li>
      ))}
    </ol>
  );
}

/** An actor as the timeline names it: the platform itself, "me", or a user by the end of their id — the API
 * names no one, and the start of an id is its timestamp, alike for everyone created together. */
export function actorName(
  a: { kind: string; id: string | null } | null,
  words: { system: string; me: string; user: (tail: string) => string },
  myId: string,
): string {
  if (!a) return '';
  if (a.kind === 'system') return words.system;
  if (a.id === myId) return words.me;
  return a.id ? words.user(a.id.slice(-6)) : a.kind;
}

/** The words actorName uses, in the current language. */
export function useActorWords(): { system: string; me: string; user: (tail: string) => string } {
  const { t } = useI18n();
  return { system: t('sharing.systemActor'), me: t('sharing.me'), user: (id) => t('sharing.userId', { id }) };
}
