import { variants, ZWSP, type Cell, type CarrierKind } from './watermark.js';

// Matching a leaked file against the source (docs/watermarks.md, "Tracing"). Two steps, both pure:
//   1. fit: which source rows could a leaked row be, whoever received it? A leaked cell fits a source cell when
//      it is one of the renderings any grant could have received (the watermark variants of the base masked
//      value), or equals the base where the cell carries nothing. `p` is the chance that a grant which did NOT
//      deliver the row would still have rendered it exactly so: Σ over the fitting rows of Π 1/|variants|.
//   2. per grant (in the service): does the grant's own rendering of a fitting row equal the leaked row?
// Cells are compared in a canonical text form that survives the round trips a leak goes through (CSV, a
// spreadsheet, CSV again): trimmed, NFC, plain decimal numbers as JavaScript prints them.

/** How a leaked column is compared. */
export type ColumnRole =
  /** deterministic rendering (clear values, generalisations): must be equal */
  | { role: 'exact' }
  /** a watermark carrier: must be one of the variants */
  | { role: 'carrier'; kind: CarrierKind; scale: number | null }
  /** keyed per grant (pseudonyms, hashes): no fit across grants, compared per grant */
  | { role: 'keyed' }
  /** time-dependent (age bands counted at the request): ignored */
  | { role: 'ignored' };

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The canonical text of a cell, for comparing a rendering with what came back in a leaked file. */
export function canon(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  const s = text.normalize('NFC').trim();
  // Spreadsheets turn digit strings into numbers (leading zeros and trailing decimal zeros go): compare both
  // sides as the number would print. Longer digit strings lose precision in a spreadsheet anyway.
  return s.length <= 15 && PLAIN_NUMBER.test(s) ? String(Number(s)) : s;
}

/** Leaked text with the invisible characters a tool may have added or dropped made visible for display. */
export function visible(s: string): string {
  return s.replaceAll(ZWSP, '⟨ZWSP⟩');
}

/** A leaked row's fit: the source rows it could be, and the chance a non-recipient grant renders it so. */
export interface Fit {
  rows: number[];
  p: number;
}

/** An index of the source rows' base renderings for one set of leaked columns and their roles. */
export class FitIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly base: Cell[][] = [];
  private readonly exact: number[];
  private readonly carriers: number[];
  /** The first carrier: its variants are part of the key, so a lookup narrows to a handful of rows. */
  private readonly anchor: number | undefined;

  constructor(private readonly roles: readonly ColumnRole[]) {
    this.exact = roles.flatMap((r, i) => (r.role === 'exact' ? [i] : []));
    this.carriers = roles.flatMap((r, i) => (r.role === 'carrier' ? [i] : []));
    this.anchor = this.carriers[0];
  }

  /** Adds a source row's base rendering (the grant's masks without the watermark), one cell per column. */
  add(cells: Cell[]): void {
    const i = this.base.push(cells) - 1;
    const prefix = this.exact.map((c) => canon(cells[c])).join('\u0001');
    const anchorForms = this.anchor === undefined ? [''] : this.renderings(this.anchor, cells[this.anchor]!);
    for (const a of anchorForms) {
      const key = `${prefix}\u0002${a}`;
      const list = this.byKey.get(key);
      if (list) list.push(i);
      else this.byKey.set(key, [i]);
    }
  }

  /** The size of the index (distinct keys), for the trace's statistics. */
  get keys(): number {
    return this.byKey.size;
  }

  /** The source rows a leaked row (canonical cells, one per column) fits, and its chance figure. */
  fit(leaked: readonly string[]): Fit {
    const prefix = this.exact.map((c) => leaked[c]!).join('\u0001');
    const key = `${prefix}\u0002${this.anchor === undefined ? '' : leaked[this.anchor]!}`;
    const rows: number[] = [];
    let p = 0;
    for (const i of this.byKey.get(key) ?? []) {
      let chance = 1;
      let fits = true;
      for (const c of this.carriers) {
        const forms = this.renderings(c, this.base[i]![c]!);
        if (!forms.includes(leaked[c]!)) {
          fits = false;
          break;
        }
        chance /= forms.length;
      }
      if (!fits) continue;
      rows.push(i);
      p += chance;
    }
    return { rows, p: Math.min(1, p) };
  }

  /** The canonical renderings a carrier cell may take: its variants, or the base when it carries nothing. */
  private renderings(c: number, base: Cell): string[] {
    const r = this.roles[c] as Extract<ColumnRole, { role: 'carrier' }>;
    const v = variants(r.kind, base, r.scale);
    return v.length ? v.map(canon) : [canon(base)];
  }
}
