import { api } from '../../api/client';
import { qs } from '../../api/query';
import type {
  Objection,
  ObjectionBox,
  ObjectionStatus,
  ObjectionView,
  RaiseInput,
  RateInput,
  ResolveInput,
} from './types';

// One function per call of the objection API (docs/objections.md "HTTP API"), through the console's client.
// A 422 carries `details.violations[] = {field, code, message}` (violationsOf in the sharing API reads them).

const O = '/api/v1/objections';
const enc = encodeURIComponent;

export const listObjections = (p: {
  box: ObjectionBox;
  status?: ObjectionStatus | '';
  resourceId?: string;
  limit?: number;
  offset?: number;
}) => api<{ items: Objection[]; total: number }>('GET', `${O}${qs(p)}`);
export const getObjection = (id: string) => api<ObjectionView>('GET', `${O}/${enc(id)}`);
export const raiseObjection = (body: RaiseInput) => api<ObjectionView>('POST', O, body);
export const acceptObjection = (id: string, comment?: string) =>
  api<ObjectionView>('POST', `${O}/${enc(id)}/accept`, comment ? { comment } : {});
export const rejectObjection = (id: string, reason: string) =>
  api<ObjectionView>('POST', `${O}/${enc(id)}/reject`, { reason });
export const resolveObjection = (id: string, body: ResolveInput) =>
  api<ObjectionView>('POST', `${O}/${enc(id)}/resolve`, body);
export const rateObjection = (id: string, body: RateInput) =>
  api<ObjectionView>('POST', `${O}/${enc(id)}/rate`, body);
