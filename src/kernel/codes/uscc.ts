// 统一社会信用代码, GB 32100-2015: authority, category, 6-digit region, 9-char organisation code, MOD 31 check.
import { normaliseCode } from './normalise.js';
import { orgCodeCheckChar } from './org-code.js';
import { pick } from './random.js';
import { allCountyCodes, embeddedRegionIssues } from './region.js';
import { error, finish, reject, type CheckResult, type CodeIssue } from './result.js';

/** The 31 USCC characters; I, O, S, V and Z are left out because they are easily misread. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const BODY = new RegExp(`^[${USCC_CHARSET}]{17}$`);
const FULL = new RegExp(`^[${USCC_CHARSET}]{18}$`);
// Central-level bodies register under 100000 (e.g. 11100000000013338W), which is not a GB/T 2260 row.
const NATIONAL_REGION = '100000';

/** The GB 32100 check character for 17 USCC characters; throws RangeError on other input. */
export function usccCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError('usccCheckChar needs 17 characters from USCC_CHARSET');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARSET.indexOf(first17.charAt(i)), 0);
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

/** Validates a unified social credit code; the embedded organisation code is deliberately not checked. */
export function checkUscc(s: string): CheckResult<string> {
  const code = normaliseCode(s);
  if (code.length !== 18) return reject(error('USCC_LENGTH', 'USCC must have 18 characters'));
  if (!FULL.test(code)) {
    return reject(
      error('USCC_CHAR', 'USCC may use only digits and capital letters other than I, O, S, V, Z'),
    );
  }
  const issues: CodeIssue[] = [];
  if (usccCheckChar(code.slice(0, 17)) !== code.charAt(17)) {
    issues.push(error('USCC_CHECKSUM', 'USCC check character does not match'));
  }
  // Newer codes carry a 9-char subject code that is not a valid GB 11714 code, so positions 9-17 are free.
  const region = code.slice(2, 8);
  if (region !== NATIONAL_REGION) issues.push(...embeddedRegionIssues(region));
  return finish(issues, () => code);
}

/** Builds an 18-char USCC from its parts (1 + 1 + 6 digits + 9 chars); malformed parts throw RangeError. */
export function makeUscc(authority: string, category: string, regionCode: string, orgCode9: string): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  const first17 = `${authority}${category}${regionCode}${orgCode9.replace('-', '')}`;
  if (!BODY.test(first17) || authority.length !== 1 || category.length !== 1) {
    throw new RangeError('authority and category must be 1 char and orgCode9 9 chars, all from USCC_CHARSET');
  }
  return first17 + usccCheckChar(first17);
}

// Common authority+category pairs: enterprise, individual business, co-operative, public institution, NGO.
const DEMO_PREFIXES = ['91', '91', '91', '92', '93', '12', '52'];

/** A valid USCC for demo data (current county, GB 11714-valid subject code); deterministic given `random`. */
export function randomUscc(random: () => number): string {
  const prefix = DEMO_PREFIXES[pick(random, DEMO_PREFIXES.length)] ?? '91';
  const counties = allCountyCodes();
  const region = counties[pick(random, counties.length)] ?? '110101';
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_CHARSET.charAt(pick(random, USCC_CHARSET.length));
  return makeUscc(prefix.charAt(0), prefix.charAt(1), region, body + orgCodeCheckChar(body));
}
