import { api } from '../../api/client';
import { ApiError } from '../../api/errors';
import { qs } from '../../api/query';
import { rawCall } from '../../api/quality';
import type {
  AccessEvent,
  ApiClient,
  Application,
  ApplicationBox,
  ApplicationInput,
  ApplicationStatus,
  ApplicationSummary,
  Demand,
  DemandAnswerInput,
  DemandBox,
  DemandInput,
  DemandStatus,
  DemandWithHistory,
  Grant,
  GrantBox,
  GrantScopeInput,
  GrantStatus,
  Page,
  QueueEntry,
  SharingDocument,
} from './types';

// One function per call of the sharing API (docs/sharing.md "HTTP API"), through the console's client.

const S = '/api/v1/sharing';
const enc = encodeURIComponent;

/** A problem named by a 422 at submission or decision: `details.violations[]`, each with a field path. */
export interface Violation {
  field: string;
  code: string;
  message: string;
}

/** The violations an error carries (422 UNPROCESSABLE), else none. */
export function violationsOf(e: unknown): Violation[] {
  if (!(e instanceof ApiError)) return [];
  const d = e.details as { violations?: unknown; fields?: unknown } | null;
  const list = Array.isArray(d?.violations) ? d.violations : Array.isArray(d?.fields) ? d.fields : [];
  return (list as Partial<Violation>[])
    .filter((v) => typeof v.field === 'string')
    .map((v) => ({ field: v.field ?? '', code: v.code ?? '', message: v.message ?? '' }));
}

/** Uploads a supporting document as raw bytes; the answer names it by digest. */
export async function uploadDocument(file: File): Promise<SharingDocument> {
  const res = await rawCall('POST', `${S}/documents${qs({ name: file.name })}`, {
    body: file,
    contentType: 'application/octet-stream',
    accept: 'application/json',
  });
  return (await res.json()) as SharingDocument;
}

export const createApplication = (body: ApplicationInput) =>
  api<Application>('POST', `${S}/applications`, body);
export const updateApplication = (id: string, body: ApplicationInput) =>
  api<Application>('PUT', `${S}/applications/${enc(id)}`, body);
export const listApplications = (p: {
  box: ApplicationBox;
  status?: ApplicationStatus | '';
  limit?: number;
  offset?: number;
}) => api<Page<ApplicationSummary>>('GET', `${S}/applications${qs(p)}`);
export const getApplication = (id: string) => api<Application>('GET', `${S}/applications/${enc(id)}`);
export const submitApplication = (id: string) =>
  api<Application>('POST', `${S}/applications/${enc(id)}/submit`);
export const withdrawApplication = (id: string, reason: string) =>
  api<Application>('POST', `${S}/applications/${enc(id)}/withdraw`, { reason });

export type PrereviewInput =
  | { decision: 'pass'; comment?: string }
  | { decision: 'return'; comment: string }
  | { decision: 'refuse'; reason: string; basis: string };
export const prereview = (id: string, body: PrereviewInput) =>
  api<Application>('POST', `${S}/applications/${enc(id)}/prereview`, body);

export type DecisionInput =
  | { decision: 'approve'; scope: GrantScopeInput }
  | { decision: 'refuse'; reason: string; basis: string }
  | { decision: 'return'; comment: string };
export const decidePart = (id: string, partId: string, body: DecisionInput) =>
  api<Application>('POST', `${S}/applications/${enc(id)}/parts/${enc(partId)}/decision`, body);
export const disputePart = (id: string, partId: string, reason: string) =>
  api<Application>('POST', `${S}/applications/${enc(id)}/parts/${enc(partId)}/dispute`, { reason });

export type MediationInput =
  { decision: 'uphold'; comment: string } | { decision: 'grant'; scope: GrantScopeInput; comment: string };
export const mediate = (id: string, partId: string, body: MediationInput) =>
  api<Application>('POST', `${S}/applications/${enc(id)}/parts/${enc(partId)}/mediation`, body);

export const getQueue = () => api<{ items: QueueEntry[] }>('GET', `${S}/queue`);

export const listGrants = (p: {
  box: GrantBox;
  status?: GrantStatus | '';
  limit?: number;
  offset?: number;
}) => api<Page<Grant>>('GET', `${S}/grants${qs(p)}`);
export const getGrant = (id: string) => api<Grant>('GET', `${S}/grants/${enc(id)}`);
export type GrantAction = 'suspend' | 'resume' | 'revoke';
export const changeGrant = (id: string, action: GrantAction, reason: string) =>
  api<Grant>('POST', `${S}/grants/${enc(id)}/${action}`, { reason });

export const listDemands = (p: {
  box: DemandBox;
  status?: DemandStatus | '';
  limit?: number;
  offset?: number;
}) => api<Page<Demand>>('GET', `${S}/demands${qs(p)}`);
export const getDemand = (id: string) => api<DemandWithHistory>('GET', `${S}/demands/${enc(id)}`);
export const createDemand = (body: DemandInput) => api<Demand>('POST', `${S}/demands`, body);
export const routeDemand = (id: string, providerOrgId: string, comment?: string) =>
  api<Demand>('POST', `${S}/demands/${enc(id)}/route`, { providerOrgId, ...(comment && { comment }) });
export const answerDemand = (id: string, body: DemandAnswerInput) =>
  api<Demand>('POST', `${S}/demands/${enc(id)}/answer`, body);
export const closeDemand = (id: string, reason: string) =>
  api<Demand>('POST', `${S}/demands/${enc(id)}/close`, { reason });

/** The caller's organisation's API clients; a role without client rights reads none (the form then asks
 * for client ids by hand). */
export const listClients = () => api<ApiClient[]>('GET', `/api/v1/clients${qs({ limit: 500 })}`);

/** Who used a grant (or any grant of the box), when, for which case (the exchange's access view); newest
 * first, `before` an event id to page back. */
export const listAccess = (p: {
  box: 'provider' | 'consumer' | 'all';
  grantId?: string;
  before?: string;
  limit?: number;
}) => api<{ items: AccessEvent[] }>('GET', `/api/v1/exchange/access${qs(p)}`);
