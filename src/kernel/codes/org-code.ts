// 组织机构代码, GB 11714-1997: 8 body chars (0-9, A-Z) and a MOD 11 check char, printed as 'D2143569-X'.
import { normaliseCode } from './normalise.js';
import { error, finish, reject, type CheckResult, type CodeIssue } from './result.js';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11714 check character ('0'-'9' or 'X') for 8 chars of 0-9A-Z; throws RangeError on other input. */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('orgCodeCheckChar needs 8 characters 0-9A-Z');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * parseInt(first8.charAt(i), 36), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates an organisation code, with or without the hyphen; the normalised form is 'D2143569-X'. */
export function checkOrgCode(s: string): CheckResult<string> {
  const code = normaliseCode(s);
  const hyphenated = code.length === 10 && code.charAt(8) === '-';
  if (code.length !== 9 && !hyphenated) {
    return reject(
      error('ORG_LENGTH', "Organisation code must be 9 characters, as 'D2143569X' or 'D2143569-X'"),
    );
  }
  const body = code.slice(0, 8);
  const check = code.charAt(code.length - 1);
  if (!/^[0-9A-Z]{8}$/.test(body) || !/^[0-9X]$/.test(check)) {
    return reject(error('ORG_CHAR', 'Organisation code must be 8 chars 0-9A-Z and a check digit or X'));
  }
  const issues: CodeIssue[] = [];
  if (orgCodeCheckChar(body) !== check) {
    issues.push(error('ORG_CHECKSUM', 'Organisation code check character does not match'));
  }
  return finish(issues, () => `${body}-${check}`);
}
