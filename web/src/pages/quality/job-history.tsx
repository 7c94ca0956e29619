import type { IngestJob } from '../../api/quality';
import { useI18n } from '../../i18n/i18n';
import { JobStatusBadge } from './job-status';

// 归集记录: the resource's jobs, newest first, with mode, state and counts; 查看 shows one in the job panel.

export function JobHistory({
  jobs,
  selected,
  onSelect,
}: {
  jobs: IngestJob[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, label, dateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="job-history">
        <thead>
          <tr>
            <th scope="col">{t('quality.job.created')}</th>
            <th scope="col">{t('quality.job.mode')}</th>
            <th scope="col">{t('quality.job.status')}</th>
            <th scope="col" className="num">
              {t('quality.count.read')}
            </th>
            <th scope="col" className="num">
              {t('quality.count.accepted')}
            </th>
            <th scope="col" className="num">
              {t('quality.count.rejected')}
            </th>
            <th scope="col" className="num">
              {t('quality.count.warned')}
            </th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 ? (
            <tr>
              <td colSpan={8} className="empty">
                {t('quality.job.none')}
              </td>
            </tr>
          ) : (
            jobs.map((j) => (
              <tr
                key={j.id}
                className={j.id === selected ? 'row-selected' : undefined}
                data-testid="job-row"
                data-job={j.id}
                data-status={j.status}
              >
                <td className="nowrap">{dateTime(j.createdAt)}</td>
                <td className="nowrap">{label('quality.mode.', j.mode)}</td>
                <td>
                  <JobStatusBadge status={j.status} />
                </td>
                <td className="num">{j.counts.read}</td>
                <td className="num">{j.counts.accepted}</td>
                <td className="num">{j.counts.rejected}</td>
                <td className="num">{j.counts.warned}</td>
                <td>
                  {j.id === selected ? (
                    <span className="muted">{t('quality.history.current')}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-link"
                      onClick={() => onSelect(j.id)}
                      data-testid="job-view"
                    >
                      {t('quality.history.view')}
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
