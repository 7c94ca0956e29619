import { isMessageKey, useI18n } from '../i18n/i18n';

// The rows of a verification, one per check, ✓ or ✗ like `orderly verify` prints them: the check's name
// (translated, with its technical name) and what was found. Details are message codes with values
// (`verify.detail.<code>`); a `problem` or `reason` value is itself a code and is translated too.

export interface CheckRow {
  name: string;
  ok: boolean;
  detail: { code: string; vars?: Record<string, string | number> };
}

export function CheckList({ checks, testId }: { checks: readonly CheckRow[]; testId?: string }) {
  const { t, label } = useI18n();
  const detail = (d: CheckRow['detail']) => {
    const key = `verify.detail.${d.code}`;
    if (!isMessageKey(key)) return d.code;
    const vars = { ...d.vars };
    if (typeof vars.problem === 'string') vars.problem = label('verify.problem.', vars.problem);
    if (typeof vars.reason === 'string') vars.reason = label('noteError.', vars.reason);
    return t(key, vars);
  };
  return (
    <div className="table-wrap">
      <table className="data-table check-list" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col" className="check-mark-col">
              <span className="visually-hidden">{t('verify.outcome')}</span>
            </th>
            <th scope="col">{t('verify.check')}</th>
            <th scope="col">{t('verify.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr
              key={c.name}
              data-check={c.name}
              data-ok={c.ok ? 'true' : 'false'}
              className={c.ok ? 'check-ok' : 'check-fail'}
            >
              <td className="check-mark" title={c.ok ? t('verify.ok') : t('verify.fail')}>
                <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span>
                <span className="visually-hidden">{c.ok ? t('verify.ok') : t('verify.fail')}</span>
              </td>
              <td className="nowrap">
                {label('verify.check.', c.name)} <code className="muted">{c.name}</code>
              </td>
              <td className="break">{detail(c.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
