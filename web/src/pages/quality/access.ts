import type { Resource } from '../../api/catalogue';
import type { SessionUser } from '../../api/types';

// Who sees what of a table resource's data (the server decides; the console only hides what would fail).
// The provider's stewards load data; they and the bureau's reviewers read the jobs and their issues;
// everyone who sees the resource reads its quality.

/** True for a published (not withdrawn) table resource: the only kind that holds loaded data. */
export function holdsData(r: Resource): boolean {
  return r.format === 'table' && r.publishedVersion !== null && r.status !== 'withdrawn';
}

/** A steward of the resource's provider: uploads, starts and cancels jobs, edits the rules. */
export function isProviderSteward(user: SessionUser, r: Resource): boolean {
  return user.roles.includes('steward') && user.orgId === r.provider.id;
}

/** May read the ingestion jobs, their issues and the data table's state. */
export function canSeeJobs(user: SessionUser, r: Resource): boolean {
  return isProviderSteward(user, r) || user.roles.includes('reviewer');
}
