// Public surface of the national code validators; other code imports only this file.
export type { CheckResult, CodeIssue } from './result.js';
export { normaliseText } from './normalise.js';
export {
  checkIdNumber,
  idCheckChar,
  makeIdNumber,
  normaliseIdNumber,
  randomIdNumber,
  type IdNumberInfo,
} from './id-number.js';
export { checkUscc, makeUscc, randomUscc, USCC_CHARSET, usccCheckChar } from './uscc.js';
export { checkOrgCode, orgCodeCheckChar } from './org-code.js';
export {
  checkRegionCode,
  listChildren,
  listProvinces,
  REGION_SNAPSHOT,
  regionName,
  type RegionEntry,
  type RegionInfo,
  type RegionLevel,
} from './region.js';
export { checkLicenceId, LICENCE_ID_PREFIX, licenceCheckChar } from './licence-id.js';
