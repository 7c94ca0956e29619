import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../layout/session-context';
import { actorName, useActorWords } from '../sharing/history-list';
import { OrgName } from '../sharing/names';
import type { ObjectionHistoryEntry } from './types';

// Every step of an objection, oldest first: when, what (raised, accepted, rejected, corrected, dismissed,
// rated, escalated), who and for which organisation, and what they wrote (the description, a comment, the
// reason). One line per evidence event of the objection.

export function ObjectionTimeline({
  entries,
  orgNames,
}: {
  entries: readonly ObjectionHistoryEntry[];
  /** The parties' names as the objection gives them (a department may not read others from the directory). */
  orgNames: ReadonlyMap<string, string | null>;
}) {
  const { t, label, dateTime } = useI18n();
  const { user } = useSession();
  const words = useActorWords();
  if (!entries.length) return <p className="empty-state">{t('common.empty')}</p>;
  return (
    <ol className="timeline" data-testid="objection-history">
      {entries.map((h, i) => {
        const action = h.action.replace(/^objection\./, '');
        return (
          <li key={`${h.at}:${i}`} data-action={action} data-testid="history-step">
            <span className="timeline-at muted nowrap">{dateTime(h.at)}</span>
            <span className="timeline-what">
              <strong>{label('objections.action.', action)}</strong>
              <span className="muted"> · {actorName(h.actor, words, user.id)}</span>
              {h.actor.orgId && (
                <span className="muted">
                  {' '}
                  (<OrgName id={h.actor.orgId} fallback={orgNames.get(h.actor.orgId) ?? null} />)
                </span>
              )}
            </span>
            {h.note && <span className="timeline-comment pre-line">{h.note}</span>}
          </li>
        );
      })}
    </ol>
  );
}
