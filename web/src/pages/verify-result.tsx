import { CheckList } from '../components/check-list';
import type { ReceiptVerification } from '../evidence/receipt-verify';
import { useI18n } from '../i18n/i18n';

// The outcome of 存证核验: the verdict (有效且已终局 / 有效但未达见证法定数 / 无效), one row per check as
// `orderly verify` prints them, and the witnesses that counted towards the quorum.

export type Verdict = 'final' | 'valid' | 'invalid';

export function verdictOf(v: ReceiptVerification): Verdict {
  return v.final ? 'final' : v.ok ? 'valid' : 'invalid';
}

export function VerifyResult({ result }: { result: ReceiptVerification }) {
  const { t, dateTime } = useI18n();
  const verdict = verdictOf(result);
  return (
    <section className="card" data-testid="verify-result">
      <h3>{t('verify.result')}</h3>
      <div
        className={`verdict verdict-${verdict}`}
        role="status"
        data-testid="verify-verdict"
        data-verdict={verdict}
      >
        <span className="verdict-mark" aria-hidden="true">
          {verdict === 'invalid' ? '✗' : '✓'}
        </span>
        <div>
          <p className="verdict-title">{t(`verify.verdict.${verdict}`)}</p>
          <p className="verdict-hint">{t(`verify.verdictHint.${verdict}`)}</p>
        </div>
      </div>
      <CheckList checks={result.checks} testId="verify-checks" />
      {result.witnesses.length > 0 && (
        <>
          <h3>{t('verify.witnessesCounted')}</h3>
          <ul data-testid="verify-witnesses">
            {result.witnesses.map((w) => (
              <li key={w.name}>
                {t('verify.witnessAt', {
                  name: w.name,
                  time: dateTime(new Date(w.timestamp * 1000).toISOString()),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
