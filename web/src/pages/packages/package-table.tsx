import { useState } from 'react';
import { useAction } from '../../api/use-action';
import { DataTable, type Column } from '../../components/data-table';
import { downloadBlob } from '../../components/download-blob';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../nav/router';
import { byteSize } from '../quality/format';
import { ResourceName } from '../sharing/names';
import { fetchPackageContent, packageFileName, type PackageStatus, type PackageView } from './packages-api';

// A list of packages: what was asked for (format, items), how far the build is, rows and size once ready,
// until when it can be downloaded, and the download itself. Expiry is the server's to judge (its clock, not
// the browser's): a download after it is refused (410) and the refusal shown. The file is saved as the server sends it —
// sealed to the organisation's key — under the name the server gives it (<id>.pkg).

/** A package's build status, in words and colour (the words carry the meaning; colour only repeats it). */
export function PackageStatusBadge({ status, error }: { status: PackageStatus; error: string | null }) {
  const { label } = useI18n();
  return (
    <span
      className={`badge pkg-status pkg-${status}`}
      data-testid="package-status"
      data-status={status}
      title={error ?? undefined}
    >
      {label('packages.status.', status)}
    </span>
  );
}

export function PackageTable({
  packages,
  withGrant,
}: {
  packages: PackageView[];
  /** Show the resource and a link to the grant's data (the organisation-wide list). */
  withGrant: boolean;
}) {
  const { t, label, dateTime } = useI18n();
  const action = useAction();
  const [busyId, setBusyId] = useState<string | null>(null);

  const download = async (p: PackageView) => {
    setBusyId(p.id);
    const blob = await action.run(() => fetchPackageContent(p.id));
    setBusyId(null);
    if (blob) downloadBlob(packageFileName(p), blob);
  };

  const columns: Column<PackageView>[] = [
    ...(withGrant
      ? [
          {
            key: 'resource',
            header: t('packages.col.resource'),
            render: (p: PackageView) => (
              <Link to={`/exchange/data/${p.grantId}`}>
                <ResourceName id={p.resourceId} />
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'created',
      header: t('packages.col.created'),
      className: 'nowrap',
      render: (p) => (
        <span data-testid="package" data-package={p.id} data-grant={p.grantId}>
          {dateTime(p.createdAt)}
        </span>
      ),
    },
    {
      key: 'format',
      header: t('packages.col.format'),
      render: (p) => label('packages.format.', p.format),
    },
    {
      key: 'fields',
      header: t('packages.col.fields'),
      render: (p) =>
        p.format === 'files' ? (
          <span className="small">{(p.files ?? []).join(t('sharing.sep'))}</span>
        ) : (
          <code className="small" data-testid="package-fields">
            {p.fields.join(t('sharing.sep'))}
          </code>
        ),
    },
    {
      key: 'status',
      header: t('packages.col.status'),
      render: (p) => (
        <>
          <PackageStatusBadge status={p.status} error={p.error} />
          {p.status === 'failed' && p.error && (
            <div className="small error-text" data-testid="package-error">
              {p.error}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'rows',
      header: t('packages.col.rows'),
      className: 'num',
      render: (p) => <span data-testid="package-rows">{p.rows ?? t('common.none')}</span>,
    },
    {
      key: 'bytes',
      header: t('packages.col.bytes'),
      className: 'num nowrap',
      render: (p) => (
        <span data-testid="package-bytes" data-bytes={p.bytes ?? ''} title={p.fileSha256 ?? undefined}>
          {p.bytes === null ? t('common.none') : byteSize(p.bytes)}
        </span>
      ),
    },
    {
      key: 'expires',
      header: t('packages.col.expires'),
      className: 'nowrap',
      render: (p) => (p.expiresAt === null ? t('common.none') : dateTime(p.expiresAt)),
    },
    {
      key: 'download',
      header: t('common.actions'),
      render: (p) =>
        p.status === 'ready' ? (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            disabled={busyId !== null}
            onClick={() => void download(p)}
            data-testid="package-download"
          >
            {busyId === p.id ? t('packages.downloading') : t('packages.download')}
          </button>
        ) : null,
    },
  ];

  return (
    <>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <DataTable
        columns={columns}
        rows={packages}
        rowKey={(p) => p.id}
        testId="packages"
        rowClassName={(p) => `pkg-row pkg-row-${p.status}`}
      />
    </>
  );
}
