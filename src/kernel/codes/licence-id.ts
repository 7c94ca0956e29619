// 电子证照标识, GB/T 36904-2018: '1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>', where the type code
// is the defining authority's USCC + 3 digits and the issuer code the issuer's USCC (or, in some provinces, a
// region code). The check char is ISO 7064 MOD 37,36 over the four fields without dots.
import { normaliseCode } from './normalise.js';
import { lookupRegion } from './region.js';
import { error, finish, reject, warning, type CheckResult, type CodeIssue } from './result.js';
import { checkUscc } from './uscc.js';

/** The fixed OID arc every licence identifier starts with. */
export const LICENCE_ID_PREFIX = '1.2.156.3005.2.';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const FIELD = /^[0-9A-Z]+$/;

/** The MOD 37,36 check char over type+issuer+serial+version (dots are ignored); throws RangeError otherwise. */
export function licenceCheckChar(body: string): string {
  const chars = body.replace(/\./g, '');
  if (!FIELD.test(chars)) throw new RangeError('licenceCheckChar needs characters 0-9A-Z');
  let p = 36;
  for (let i = 0; i < chars.length; i++) {
    const s = (p + parseInt(chars.charAt(i), 36)) % 36 || 36;
    p = (2 * s) % 37;
  }
  return ALPHABET.charAt((37 - p) % 36);
}

/** Validates an electronic licence identifier; an unusual type or issuer code is only a warning. */
export function checkLicenceId(s: string): CheckResult<string> {
  const id = normaliseCode(s);
  if (!id.startsWith(LICENCE_ID_PREFIX)) {
    return reject(error('LICENCE_PREFIX', `Licence ID must start with ${LICENCE_ID_PREFIX}`));
  }
  const parts = id.slice(LICENCE_ID_PREFIX.length).split('.');
  const [type = '', issuer = '', serial = '', version = '', check = ''] = parts;
  if (parts.length !== 5) {
    return reject(
      error('LICENCE_FORMAT', 'Licence ID must be the prefix then type.issuer.serial.version.check'),
    );
  }
  if (![type, issuer, serial].every((f) => FIELD.test(f)) || !/^[0-9A-Z]$/.test(check)) {
    return reject(error('LICENCE_CHAR', 'Licence ID fields must be non-empty 0-9A-Z; the check is one char'));
  }
  if (!/^\d{3}$/.test(version))
    return reject(error('LICENCE_VERSION', 'Licence ID version must be 3 digits'));
  const issues: CodeIssue[] = [];
  if (licenceCheckChar(type + issuer + serial + version) !== check) {
    issues.push(error('LICENCE_CHECKSUM', 'Licence ID check character does not match'));
  }
  // The standard says what these fields should contain, but deployed IDs vary; flag rather than reject.
  if (!/^.{18}\d{3}$/.test(type) || !checkUscc(type.slice(0, 18)).ok) {
    issues.push(warning('LICENCE_TYPE_CODE', 'Licence type code is not a USCC followed by 3 digits'));
  }
  if (!checkUscc(issuer).ok && lookupRegion(issuer) === undefined) {
    issues.push(
      warning('LICENCE_ISSUER_CODE', 'Licence issuer code is neither a USCC nor a current region code'),
    );
  }
  return finish(issues, () => id);
}
