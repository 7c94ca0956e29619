// The resource domain's surface (pure): vocabularies, the document schema, normalisation, the policy table,
// its check, codes and version diffs.
export * from './vocab.js';
export * from './schema.js';
export type { Item, ResourceDoc } from './types.js';
export { normaliseResource } from './normalise.js';
export {
  defaultPolicyTable,
  nationalFor,
  policyTableSchema,
  provincialFor,
  type LevelPolicy,
  type PolicyTable,
} from './policy.js';
export { checkPolicy, needsBureauReview, type PolicyViolation } from './policy-check.js';
export { classificationCode, resourceCode } from './code.js';
export { affectsGrants, diffVersions, type ItemChange, type VersionDiff } from './diff.js';
