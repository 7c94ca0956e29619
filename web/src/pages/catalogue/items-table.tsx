import type { Item } from '../../api/catalogue';
import { DataTable, type Column } from '../../components/data-table';
import { LevelBadge } from '../../components/level-badge';
import { useI18n } from '../../i18n/i18n';
import { maskText } from './format';

// A resource's 信息项: code, name, type, key, personal-information kind, the level as a coloured badge (with
// the provincial level), the share type in force and the default mask consumers receive.

export function ItemsTable({ items }: { items: Item[] }) {
  const { t, label } = useI18n();
  const none = t('common.none');
  const columns: Column<Item>[] = [
    { key: 'code', header: t('catalogue.item.code'), render: (i) => <code>{i.code}</code> },
    {
      key: 'label',
      header: t('catalogue.item.label'),
      render: (i) => (
        <>
          {i.label} <code className="muted">{i.name}</code>
          {i.description && <div className="muted small">{i.description}</div>}
        </>
      ),
    },
    {
      key: 'type',
      header: t('catalogue.item.dataType'),
      className: 'nowrap',
      render: (i) =>
        `${label('catalogue.dataType.', i.dataType)}${
          i.length !== null ? `(${i.length}${i.scale !== null ? `,${i.scale}` : ''})` : ''
        }`,
    },
    {
      key: 'pk',
      header: t('catalogue.item.primaryKey'),
      render: (i) => (i.primaryKey ? t('common.yes') : ''),
    },
    {
      key: 'pii',
      header: t('catalogue.item.pii'),
      className: 'nowrap',
      render: (i) =>
        i.piiKind ? <span className="tag tag-pii">{label('catalogue.pii.', i.piiKind)}</span> : none,
    },
    {
      key: 'level',
      header: t('catalogue.item.level'),
      className: 'nowrap',
      render: (i) => <LevelBadge level={i.nationalLevel} provincial={i.provincialLevel} />,
    },
    {
      key: 'share',
      header: t('catalogue.item.shareType'),
      className: 'nowrap',
      render: (i) => label('catalogue.shareType.', i.effectiveShareType),
    },
    {
      key: 'mask',
      header: t('catalogue.item.mask'),
      render: (i) => (
        <span className={i.defaultMask.kind === 'clear' ? 'muted' : undefined} data-mask={i.defaultMask.kind}>
          {maskText(i.defaultMask, t)}
        </span>
      ),
    },
    {
      key: 'secret',
      header: t('catalogue.item.secret'),
      render: (i) => (i.secret ? <span className="error-text">{t('common.yes')}</span> : ''),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(i) => i.name}
      testId="resource-items"
      rowClassName={(i) => `item-row level-row-${i.nationalLevel}`}
    />
  );
}
