import { useMemo, type ReactNode } from 'react';
import { getResource, type Resource } from '../../api/catalogue';
import { DIMENSIONS, getScorecard, type ScorecardAnswer } from '../../api/quality';
import { useResource } from '../../api/use-resource';
import { AsyncView } from '../../components/async-view';
import { EChart } from '../../components/echart';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { holdsData } from './access';
import { ageText, itemLabeller, percent, scoreBand } from './format';
import { radarOption, trendOption, worstItems, worstItemsOption } from './quality-charts';
import { QualityHeading } from './resource-links';
import { RulesPanel } from './rules-panel';

// 数据质量 (/catalogue/resources/<id or code>/quality): the latest score as a big number with its band, the six
// dimensions (完整性 / 有效性 / 唯一性 / 一致性 / 及时性 / 准确性) as a radar, the score history as a trend
// line, the lowest-scoring items as bars and all items in a table, freshness against the update cycle with an
// 逾期 badge, and the validation rules (generated and the steward's; the provider's stewards edit theirs).
// Anyone who may see the resource reads it.

export function QualityPage({ id }: { id: string }) {
  const resource = useResource(() => getResource(id), id);
  return <AsyncView resource={resource}>{(r) => <QualityView resource={r} />}</AsyncView>;
}

function QualityView({ resource: r }: { resource: Resource }) {
  const { t } = useI18n();
  const card = useResource(() => getScorecard(r.id), r.id);
  return (
    <div className="page-quality" data-testid="quality-page" data-resource={r.id}>
      <QualityHeading resource={r} current="quality" />
      {!holdsData(r) ? (
        <p className="notice notice-info">{t('quality.notTable')}</p>
      ) : (
        <>
          <AsyncView resource={card}>{(c) => <Scorecard resource={r} card={c} />}</AsyncView>
          <RulesPanel resource={r} />
        </>
      )}
      <p>
        <Link to={`/catalogue/resources/${r.id}`}>‹ {t('quality.back')}</Link>
      </p>
    </div>
  );
}

function Scorecard({ resource: r, card }: { resource: Resource; card: ScorecardAnswer }) {
  const { t, label, locale, dateTime } = useI18n();
  const latest = card.latest;
  const itemLabel = itemLabeller(r.items);
  const options = useMemo(() => {
    if (!latest) return null;
    const dimLabel = (d: string) => label('quality.dim.', d);
    const short = new Intl.DateTimeFormat(locale, {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    return {
      radar: radarOption(latest.dimensions, dimLabel, t('quality.chart.score')),
      trend: trendOption(card.history, (iso) => short.format(new Date(iso)), t('quality.chart.score')),
      worst: worstItemsOption(worstItems(latest.items), itemLabel, {
        completeness: dimLabel('completeness'),
        validity: dimLabel('validity'),
        consistency: dimLabel('consistency'),
      }),
    };
    // `t` and `label` change exactly when the language does.
  }, [card, locale]);
  if (!latest || !options)
    return (
      <p className="notice notice-info" data-testid="quality-none">
        {t('quality.score.none')}
      </p>
    );
  const band = scoreBand(latest.score);
  const worst = worstItems(latest.items);
  return (
    <>
      <section className="quality-summary">
        <div
          className={`card score-card band-${band}`}
          data-testid="quality-score-card"
          data-history={card.history.length}
        >
          <div className="score-label">{t('quality.score.overall')}</div>
          <div className="score-value" data-testid="quality-score" data-score={latest.score}>
            {latest.score.toFixed(1)}
          </div>
          <span className={`badge score-band score-band-${band}`}>{label('quality.band.', band)}</span>
          <p className="muted small">{t('quality.score.computedAt', { at: dateTime(latest.computedAt) })}</p>
        </div>
        <div className="card dimension-card">
          <dl className="dimension-list" data-testid="quality-dimensions">
            {DIMENSIONS.map((d) => (
              <div key={d} className="dimension" data-dimension={d} data-value={latest.dimensions[d]}>
                <dt>{label('quality.dim.', d)}</dt>
                <dd>
                  <span className="meter" aria-hidden="true">
                    <span className="meter-fill" style={{ width: percent(latest.dimensions[d]) }} />
                  </span>
                  <span className="meter-text">{percent(latest.dimensions[d])}</span>
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <Freshness resource={r} freshness={latest.freshness} rows={latest.rows} />
      </section>
      <section className="chart-grid">
        <ChartCard title={t('quality.chart.radar')} testId="chart-radar">
          <EChart option={options.radar} label={t('quality.chart.radar')} />
        </ChartCard>
        <ChartCard title={t('quality.chart.trend')} testId="chart-trend">
          <EChart option={options.trend} label={t('quality.chart.trend')} />
        </ChartCard>
        <ChartCard title={t('quality.chart.worst')} testId="chart-worst" wide>
          <EChart
            option={options.worst}
            label={t('quality.chart.worst')}
            height={Math.max(200, worst.length * 48 + 60)}
          />
        </ChartCard>
      </section>
      <section className="card">
        <h3>{t('quality.items.title')}</h3>
        <div className="table-wrap">
          <table className="data-table" data-testid="quality-items">
            <thead>
              <tr>
                <th scope="col">{t('quality.issues.item')}</th>
                <th scope="col" className="num">
                  {t('quality.dim.completeness')}
                </th>
                <th scope="col" className="num">
                  {t('quality.dim.validity')}
                </th>
                <th scope="col" className="num">
                  {t('quality.dim.consistency')}
                </th>
              </tr>
            </thead>
            <tbody>
              {latest.items.map((i) => (
                <tr key={i.item} data-item={i.item}>
                  <td>
                    {itemLabel(i.item)} <code className="muted">{i.item}</code>
                  </td>
                  <ShareCell value={i.completeness} />
                  <ShareCell value={i.validity} />
                  <ShareCell value={i.consistency} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function ShareCell({ value }: { value: number }) {
  return <td className={`num${value < 0.95 ? ' share-low' : ''}`}>{percent(value)}</td>;
}

/** 数据时效: last update, the update cycle (and its period), the age, and 逾期 / 按期. */
function Freshness({
  resource: r,
  freshness: f,
  rows,
}: {
  resource: Resource;
  freshness: NonNullable<ScorecardAnswer['latest']>['freshness'];
  rows: number;
}) {
  const { t, label, dateTime } = useI18n();
  return (
    <div className="card freshness-card" data-testid="quality-freshness" data-overdue={f.overdue}>
      <h3>{t('quality.freshness.title')}</h3>
      <dl className="fields">
        <dt>{t('quality.freshness.lastLoaded')}</dt>
        <dd>{f.lastLoadedAt ? dateTime(f.lastLoadedAt) : t('quality.freshness.never')}</dd>
        <dt>{t('quality.freshness.cycle')}</dt>
        <dd>
          {label('catalogue.updateCycle.', r.updateCycle)}
          {f.periodHours !== null && (
            <span className="muted">{t('quality.freshness.period', { n: f.periodHours })}</span>
          )}
        </dd>
        <dt>{t('quality.freshness.age')}</dt>
        <dd>
          {f.ageHours !== null ? ageText(f.ageHours, t) : t('common.none')}{' '}
          {f.periodHours === null ? (
            <span className="muted">{t('quality.freshness.noCycle')}</span>
          ) : f.overdue ? (
            <span className="badge q-overdue" data-testid="freshness-overdue">
              {t('quality.freshness.overdue')}
            </span>
          ) : (
            <span className="badge q-on-time">{t('quality.freshness.onTime')}</span>
          )}
        </dd>
        <dt>{t('quality.score.rows')}</dt>
        <dd data-testid="quality-rows">{rows.toLocaleString()}</dd>
      </dl>
    </div>
  );
}

function ChartCard(props: { title: string; wide?: boolean; testId?: string; children: ReactNode }) {
  return (
    <div className={`card chart-card${props.wide ? ' wide' : ''}`} data-testid={props.testId}>
      <h3>{props.title}</h3>
      {props.children}
    </div>
  );
}
