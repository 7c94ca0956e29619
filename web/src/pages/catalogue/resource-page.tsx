import { useState, type ReactNode } from 'react';
import { getResource, listVersions, type Resource } from '../../api/catalogue';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { QualityLinks } from '../quality';
import { ItemsTable } from './items-table';
import { ResourceActions } from './resource-actions';
import { ResourceStatusBadge, VersionStatusBadge } from './status-badge';
import { VersionHistory } from './version-history';

// 资源详情 (/catalogue/resources/<id or code>): the header (name, code, provider, state, level), the share and
// open attributes, the items with their coloured levels and masks, the version history with diffs, and the
// actions of the caller's role; a published table leads on to its 数据归集 and 数据质量 (pages/quality).
// Published resources are open to every signed-in user; drafts answer 404 to anyone but the provider's
// stewards and the bureau's reviewers.

export function ResourcePage({ id }: { id: string }) {
  const resource = useResource(() => getResource(id), id);
  return <AsyncView resource={resource}>{(r) => <ResourceView initial={r} refRoute={id} />}</AsyncView>;
}

function ResourceView({ initial, refRoute }: { initial: Resource; refRoute: string }) {
  const { t, label, dateTime } = useI18n();
  const [r, setR] = useState(initial);
  // Every action changes the history (a state, a new version): read it again after each one.
  const [round, setRound] = useState(0);
  const versions = useResource(() => listVersions(r.id), `${r.id}:${round}`);
  const onChanged = (next: Resource) => {
    setR(next);
    setRound((n) => n + 1);
  };
  const none = t('common.none');
  const cls = r.classification;
  const className =
    cls.category === 'department' ? null : label(`catalogue.class.${cls.category}.`, cls.item);
  const pending = r.pending;
  return (
    <div className="page-resource" data-testid="resource-page" data-ref={refRoute}>
      <section className="card resource-header">
        <div className="resource-title">
          <h2 data-testid="resource-name">{r.name}</h2>
          <LevelBadge level={r.level} provincial={r.provincialLevel} />
          <ResourceStatusBadge status={r.status} />
        </div>
        {r.nameEn && <p className="muted">{r.nameEn}</p>}
        <dl className="fields resource-facts">
          <dt>{t('catalogue.resource.code')}</dt>
          <dd>
            <code data-testid="resource-code">{r.code}</code>
          </dd>
          <dt>{t('catalogue.resource.provider')}</dt>
          <dd data-testid="resource-provider">{r.provider.name ?? none}</dd>
          <dt>{t('catalogue.resource.version')}</dt>
          <dd>
            {t('catalogue.resource.versionN', { n: r.version })}{' '}
            <VersionStatusBadge status={r.versionStatus} />
          </dd>
          <dt>{t('catalogue.resource.published')}</dt>
          <dd>{r.lastPublishedAt ? dateTime(r.lastPublishedAt) : none}</dd>
        </dl>
        {r.publishedVersion === null && r.status !== 'withdrawn' && (
          <p className="notice notice-info">{t('catalogue.resource.draftNotice')}</p>
        )}
        {pending && (
          <div className="notice notice-info" data-testid="resource-pending">
            {t('catalogue.resource.pending', {
              n: pending.version,
              status: label('catalogue.versionStatus.', pending.status),
            })}
            {pending.status === 'returned' && pending.reviewComment && (
              <p className="notice-detail pre-line">
                {t('catalogue.resource.returned', { comment: pending.reviewComment })}
              </p>
            )}
          </div>
        )}
        {!pending && r.versionStatus === 'returned' && (
          <div className="notice notice-warn" data-testid="resource-returned">
            {t('catalogue.resource.returnedNotice')}
            <VersionComment versions={versions.data} version={r.version} />
          </div>
        )}
        {r.withdrawn && (
          <div className="notice notice-warn" data-testid="resource-withdrawn">
            {t('catalogue.resource.withdrawn', {
              date: dateTime(r.withdrawn.at),
              reason: r.withdrawn.reason ?? none,
            })}
          </div>
        )}
      </section>

      <ResourceActions resource={r} onChanged={onChanged} />

      <QualityLinks resource={r} />

      <section className="card">
        <h3>{t('catalogue.resource.attributes')}</h3>
        <dl className="fields" data-testid="resource-attributes">
          <dt>{t('catalogue.resource.summary')}</dt>
          <dd className="pre-line">{r.summary}</dd>
          <dt>{t('catalogue.resource.classification')}</dt>
          <dd>
            {label('catalogue.category.', cls.category)}
            {className && ` · ${className}`} <code className="muted">{cls.code}</code>
          </dd>
          <dt>{t('catalogue.resource.format')}</dt>
          <dd>{label('catalogue.format.', r.format)}</dd>
          <dt>{t('catalogue.resource.updateCycle')}</dt>
          <dd>{label('catalogue.updateCycle.', r.updateCycle)}</dd>
          <dt>{t('catalogue.resource.shareType')}</dt>
          <dd data-testid="resource-share">
            <span className={`tag share-${r.share.type}`}>{label('catalogue.shareType.', r.share.type)}</span>
          </dd>
          <Optional title={t('catalogue.resource.shareCondition')} value={r.share.condition} />
          <Optional title={t('catalogue.resource.shareBasis')} value={r.share.basis} />
          <dt>{t('catalogue.resource.methods')}</dt>
          <dd>
            <span className="tags">
              {r.share.methods.map((m) => (
                <span key={m} className="tag">
                  {label('catalogue.method.', m)}
                </span>
              ))}
            </span>
          </dd>
          <dt>{t('catalogue.resource.openType')}</dt>
          <dd data-testid="resource-open">
            <span className={`tag open-${r.open.type}`}>{label('catalogue.openType.', r.open.type)}</span>
          </dd>
          <Optional title={t('catalogue.resource.openCondition')} value={r.open.condition} />
          {r.open.reason && (
            <Optional
              title={t('catalogue.resource.openReason')}
              value={`${label('catalogue.openReason.', r.open.reason.kind)}${t('common.colon')}${r.open.reason.text}`}
            />
          )}
          {r.tags.length > 0 && (
            <Optional
              title={t('catalogue.resource.tags')}
              value={
                <span className="tags">
                  {r.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </span>
              }
            />
          )}
          <Optional title={t('catalogue.resource.spatial')} value={r.spatial} />
          {r.relatedCodes.length > 0 && (
            <Optional
              title={t('catalogue.resource.related')}
              value={
                <span className="tags">
                  {r.relatedCodes.map((c) => (
                    <Link key={c} to={`/catalogue/resources/${c}`} className="mono">
                      {c}
                    </Link>
                  ))}
                </span>
              }
            />
          )}
          <dt>{t('catalogue.resource.contact')}</dt>
          <dd>
            {r.contact.name} · {r.contact.phone}
            {r.contact.email && ` · ${r.contact.email}`}
          </dd>
        </dl>
      </section>

      <section className="card">
        <h3>{t('catalogue.resource.items')}</h3>
        <p className="page-hint">{t('catalogue.resource.itemsHint')}</p>
        <ItemsTable items={r.items} />
      </section>

      <section className="card">
        <h3>{t('catalogue.versions.title')}</h3>
        <AsyncView resource={versions}>
          {(list) => (
            <VersionHistory resourceRef={r.id} versions={list} publishedVersion={r.publishedVersion} />
          )}
        </AsyncView>
      </section>

      <p>
        <Link to="/catalogue">‹ {t('catalogue.resource.back')}</Link>
      </p>
    </div>
  );
}

function Optional({ title, value }: { title: string; value: ReactNode }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <>
      <dt>{title}</dt>
      <dd className="pre-line">{value}</dd>
    </>
  );
}

function VersionComment({
  versions,
  version,
}: {
  versions: { version: number; reviewComment: string | null }[] | undefined;
  version: number;
}) {
  const comment = versions?.find((v) => v.version === version)?.reviewComment;
  return comment ? <p className="notice-detail pre-line">{comment}</p> : null;
}
