import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/i18n';

// A labelled control of a sharing form with the server's problem for its path under it, outlined like the
// catalogue editor's fields.

export function Field({
  label,
  path,
  error,
  wide,
  group,
  children,
}: {
  label: string;
  path: string;
  error: string | undefined;
  wide?: boolean;
  /** Several controls (checkboxes, a file list): a labelled group, since labels must not nest. */
  group?: boolean;
  children: ReactNode;
}) {
  const Tag = group ? 'div' : 'label';
  return (
    <Tag
      role={group ? 'group' : undefined}
      aria-label={group ? label : undefined}
      className={`field${wide ? ' wide' : ''}${error ? ' field-invalid' : ''}`}
      data-field={path}
      data-invalid={error ? 'true' : undefined}
    >
      <span>{label}</span>
      {children}
      {error && (
        <span className="cell-error" role="alert" data-testid="field-error">
          {error}
        </span>
      )}
    </Tag>
  );
}

/** A problem the server named by field path. */
interface Problem {
  field: string;
  code: string;
  message: string;
}

/** Problems listed by path above a form's buttons, under a heading that says how many. */
export function ViolationList({ items }: { items: readonly Problem[] }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <div className="notice notice-warn" role="alert" data-testid="violations">
      <strong>{t('sharing.violations', { n: items.length })}</strong>
      <ul className="notice-fields">
        {items.map((v) => (
          <li key={`${v.field}:${v.code}:${v.message}`} data-path={v.field} data-code={v.code}>
            <code>{v.field}</code> {v.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A failed call: its problems by field when the server named them, else the usual error notice. */
export function FormError({ error, violations }: { error: unknown; violations: readonly Problem[] }) {
  if (error === null || error === undefined) return null;
  return violations.length ? <ViolationList items={violations} /> : <ErrorNotice error={error} />;
}
