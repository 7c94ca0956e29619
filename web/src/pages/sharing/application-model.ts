import type { Method } from '../../api/catalogue';
import type { Application, ApplicationInput, SharingDocument } from './types';

// The wizard's state: what the consumer has typed and picked, kept as text where people type numbers (so a
// half-typed value is not lost), and turned into the API body only when saving.

/** One resource picked for the application. */
export interface DraftPart {
  resourceId: string;
  /** Shown until the resource's document has loaded. */
  name: string;
  providerName: string | null;
  items: string[];
  methods: Method[];
}

export interface Draft {
  title: string;
  purpose: string;
  basis: string;
  scenario: string;
  durationDays: string;
  callsPerDay: string;
  rowsPerDay: string;
  clientIds: string[];
  documents: SharingDocument[];
  parts: DraftPart[];
  /** Parts of a returned application that already have a decision: shown, never sent (the server keeps
   * their decision and refuses them in an amendment). */
  decided: DraftPart[];
}

export const EMPTY_DRAFT: Draft = {
  title: '',
  purpose: '',
  basis: '',
  scenario: '',
  durationDays: '365',
  callsPerDay: '',
  rowsPerDay: '',
  clientIds: [],
  documents: [],
  parts: [],
  decided: [],
};

const intOrUndefined = (s: string) => {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(n) ? n : undefined;
};

/** The API body of a draft (its undecided parts only). */
export function toInput(d: Draft): ApplicationInput {
  const calls = intOrUndefined(d.callsPerDay);
  const rows = intOrUndefined(d.rowsPerDay);
  return {
    title: d.title.trim(),
    purpose: d.purpose.trim(),
    basis: d.basis.trim(),
    scenario: d.scenario.trim(),
    // An unparsable duration goes as 0, so the server names the field rather than the console guessing.
    durationDays: intOrUndefined(d.durationDays) ?? 0,
    ...((calls !== undefined || rows !== undefined) && {
      expectedVolume: {
        ...(calls !== undefined && { callsPerDay: calls }),
        ...(rows !== undefined && { rowsPerDay: rows }),
      },
    }),
    clientIds: d.clientIds,
    documents: d.documents.map((x) => ({ digest: x.digest, name: x.name })),
    parts: d.parts.map((p) => ({ resourceId: p.resourceId, items: p.items, methods: p.methods })),
  };
}

/** The draft of a saved application (to amend it); withdrawn parts are gone. */
export function fromApplication(a: Application): Draft {
  const asDraft = (p: Application['parts'][number]): DraftPart => ({
    resourceId: p.resourceId,
    // The part editor names the resource from the catalogue once its document has loaded.
    name: p.resourceId,
    providerName: null,
    items: [...p.items],
    methods: [...p.methods],
  });
  return {
    title: a.title,
    purpose: a.purpose,
    basis: a.basis,
    scenario: a.scenario,
    durationDays: String(a.durationDays),
    callsPerDay: a.expectedVolume?.callsPerDay?.toString() ?? '',
    rowsPerDay: a.expectedVolume?.rowsPerDay?.toString() ?? '',
    clientIds: [...a.clientIds],
    documents: a.documents.map((x) => ({ ...x })),
    parts: a.parts.filter((p) => p.status === 'pending').map(asDraft),
    decided: a.parts.filter((p) => p.status !== 'pending' && p.status !== 'withdrawn').map(asDraft),
  };
}

/** Problems the console can see before sending (the server checks everything again). */
export function localProblems(d: Draft): string[] {
  const out: string[] = [];
  if (!d.parts.length && !d.decided.length) out.push('sharing.apply.needResource');
  if (d.parts.some((p) => !p.items.length)) out.push('sharing.apply.needItems');
  if (d.parts.some((p) => !p.methods.length)) out.push('sharing.apply.needMethods');
  return out;
}
