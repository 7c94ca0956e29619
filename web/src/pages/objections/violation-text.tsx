import { isMessageKey, useI18n } from '../../i18n/i18n';
import type { Violation } from '../sharing/sharing-api';

// A server's problem beside the entry or cell it names: the meaning of its code in words when the dictionary
// has it, the server's own message (which never quotes a value) as well, and the code as data-code.

export function ViolationText({ items, testId }: { items: readonly Violation[]; testId: string }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <ul className="entry-errors" role="alert" data-testid={testId}>
      {items.map((v) => {
        const key = `objections.code.${v.code}`;
        return (
          <li key={`${v.field}:${v.code}:${v.message}`} data-code={v.code} data-path={v.field}>
            {isMessageKey(key) ? t(key) : v.message}
            {isMessageKey(key) && v.message && (
              <span className="muted small"> {t('common.aside', { text: v.message })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The problems of one path and every path inside it. */
export function under(all: readonly Violation[], path: string): Violation[] {
  return all.filter(
    (v) => v.field === path || v.field.startsWith(`${path}.`) || v.field.startsWith(`${path}[`),
  );
}
