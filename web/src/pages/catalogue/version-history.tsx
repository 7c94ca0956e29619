import { Fragment, useState } from 'react';
import { getDiff, type VersionDiff, type VersionMeta } from '../../api/catalogue';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { useI18n } from '../../i18n/i18n';
import { DiffSummary, DiffView } from './diff-view';
import { VersionStatusBadge } from './status-badge';

// 版本历史: every version the caller may see, newest first, with its dates, the bureau's comment and what
// changed. A published version carries the diff recorded at publication (against the version it replaced);
// a version still in the works is compared on request with the published one (or the one before it).

export function VersionHistory({
  resourceRef,
  versions,
  publishedVersion,
}: {
  resourceRef: string;
  versions: VersionMeta[];
  publishedVersion: number | null;
}) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const rows = [...versions].sort((a, b) => b.version - a.version);
  const baseOf = (v: VersionMeta): number | null => {
    if (publishedVersion !== null && publishedVersion < v.version) return publishedVersion;
    const earlier = rows.filter((x) => x.version < v.version);
    return earlier[0]?.version ?? null;
  };
  return (
    <div className="table-wrap">
      <table className="data-table version-table" data-testid="version-history">
        <thead>
          <tr>
            <th scope="col">{t('catalogue.versions.version')}</th>
            <th scope="col">{t('catalogue.versions.status')}</th>
            <th scope="col">{t('catalogue.versions.created')}</th>
            <th scope="col">{t('catalogue.versions.submitted')}</th>
            <th scope="col">{t('catalogue.versions.reviewed')}</th>
            <th scope="col">{t('catalogue.versions.comment')}</th>
            <th scope="col">{t('catalogue.versions.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => {
            const base = v.diff ? null : baseOf(v);
            const expandable = v.diff !== null || base !== null;
            const isOpen = open === v.version;
            return (
              <Fragment key={v.version}>
                <tr data-testid="version-row" data-version={v.version}>
                  <td className="nowrap">{t('catalogue.resource.versionN', { n: v.version })}</td>
                  <td>
                    <VersionStatusBadge status={v.status} />
                  </td>
                  <td className="nowrap">{dateTime(v.createdAt)}</td>
                  <td className="nowrap">{v.submittedAt ? dateTime(v.submittedAt) : t('common.none')}</td>
                  <td className="nowrap">
                    {v.reviewedAt ? dateTime(v.reviewedAt) : t('common.none')}
                    {v.publishedAt && (
                      <div className="muted small">
                        {t('catalogue.versions.publishedAt', { date: dateTime(v.publishedAt) })}
                      </div>
                    )}
                  </td>
                  <td className="pre-line">{v.reviewComment ?? t('common.none')}</td>
                  <td>
                    {v.diff && <DiffSummary diff={v.diff} />}
                    {!v.diff && base === null && (
                      <span className="muted">{t('catalogue.versions.first')}</span>
                    )}
                    {expandable && (
                      <button
                        type="button"
                        className="btn btn-link"
                        aria-expanded={isOpen}
                        onClick={() => setOpen(isOpen ? null : v.version)}
                        data-testid="version-toggle"
                      >
                        {isOpen ? t('catalogue.versions.hide') : t('catalogue.versions.show')}
                      </button>
                    )}
                  </td>
                </tr>
                {isOpen && (
                  <tr className="version-diff-row">
                    <td colSpan={7}>
                      {v.diff ? (
                        <DiffView diff={v.diff} />
                      ) : (
                        base !== null && <ComparedDiff resourceRef={resourceRef} from={base} to={v.version} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ComparedDiff({ resourceRef, from, to }: { resourceRef: string; from: number; to: number }) {
  const { t } = useI18n();
  const diff = useResource<VersionDiff>(() => getDiff(resourceRef, from, to), `${from}-${to}`);
  return (
    <>
      <p className="muted small">{t('catalogue.versions.comparedWith', { n: from })}</p>
      <AsyncView resource={diff}>{(d) => <DiffView diff={d} />}</AsyncView>
    </>
  );
}
