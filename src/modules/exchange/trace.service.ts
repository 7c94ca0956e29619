import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, authorize, type RequestContext } from '../../kernel/index.js';
import { masking } from '../catalogue/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import { compileRowMasks } from './domain/row-masks.js';
import { canon, FitIndex, type ColumnRole, type Fit } from './domain/trace-match.js';
import { describeBound, log10Tail, NAMING_THRESHOLD_LOG10 } from './domain/trace-stats.js';
import type { ExchangeDeps } from './exchange.deps.js';
import type { GrantMaskers } from './row-masker.js';
import { readLeakedFile, type LeakedFile } from './trace-file.js';

// Leak tracing (docs/watermarks.md): which grant received the rows of a file found where it should not be?
// The file's columns are matched to a resource's items; every leaked row is fitted to the source rows it
// could be (any grant's rendering); then each grant ever issued on the resource renders those rows again, with
// its own watermark, and counts exact matches. A grant is named only when so many matches without it would
// have a chance below 1e-9 (Chernoff bound, trace-stats.ts); otherwise the answer is "no match".

const PAGE = 1000;

/** One grant's standing in a trace. */
export interface TraceCandidate {
  grantId: string;
  status: string;
  recipient: { orgId: string; name: string | null };
  /** Fitting leaked rows the grant's own rendering reproduces exactly. */
  matched: number;
  /** Matches expected by chance if the grant did not deliver the rows (μ). */
  expectedByChance: number;
  /** log10 of the bound on the chance of `matched` or more without this grant. */
  log10FalsePositive: number;
  falsePositive: string;
}

/** The answer of a trace. */
export interface TraceResult {
  verdict: 'match' | 'no_match';
  resourceId: string;
  file: { sha256: string; format: string; rows: number; columns: { header: string; item: string }[] };
  ignoredColumns: string[];
  /** Distinct leaked rows, and those that fit the resource's current rows at all. */
  rowsDistinct: number;
  rowsFitting: number;
  /** Grants named (false-positive bound below 1e-9), most certain first. */
  named: TraceCandidate[];
  /** Every grant considered, most matches first. */
  candidates: TraceCandidate[];
  threshold: string;
  evidenceId: string;
}

interface SourceRow {
  key: string;
  values: Record<string, unknown>;
}

/** Traces leaked files to the grants that received them. */
export class TraceService {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly maskers: GrantMaskers,
  ) {}

  /** Traces the file at `path` (CSV, NDJSON, JSON array or XLSX); `resourceId` skips the detection. */
  async trace(ctx: RequestContext, path: string, opts: { resourceId?: string } = {}): Promise<TraceResult> {
    authorize(ctx, 'exchange.trace');
    const sha256 = createHash('sha256')
      .update(await fs.readFile(path))
      .digest('hex');
    const file = await readLeakedFile(path);
    const all = await this.deps.grants.everIssued(opts.resourceId ?? null);
    const { resourceId, columns, ignored } = matchColumns(file, all, opts.resourceId);
    const grants = all
      .filter((c) => c.grant.resourceId === resourceId)
      .filter((c) => columns.every((col) => c.grant.masks.has(col.item.code)));
    const leaked = distinctRows(file, columns);
    const source = await this.sourceRows(resourceId);

    const candidates: TraceCandidate[] = [];
    let fitting = 0;
    const names = await this.deps.directory.organisations(this.deps.db.kysely, [
      ...new Set(grants.map((c) => c.grant.consumerOrgId)),
    ]);
    // Grants with the same masks and carriers on the leaked columns share one fit index.
    for (const group of groupByProfile(
      grants.map((c) => c.grant),
      columns,
      this.maskers,
    )) {
      const g0 = group.grants[0]!;
      const fields = columns.map((c) => c.item.code);
      const base = compileRowMasks(
        g0.grantId,
        columns.map((c) => ({ ...c.item, mask: g0.masks.get(c.item.code)! })),
        this.maskers.keys,
        this.deps.clock.now(),
      );
      const index = new FitIndex(group.roles);
      for (const r of source) {
        const m = base(r.values);
        index.add(fields.map((f) => m[f] ?? null));
      }
      const fits: Fit[] = leaked.map((row) => index.fit(row));
      fitting = Math.max(fitting, fits.filter((f) => f.rows.length).length);
      const mu = fits.reduce((s, f) => s + (f.rows.length ? f.p : 0), 0);
      // The source rows some leaked row fits, rendered under each grant in one batch (their seeds together).
      const fitted = [...new Set(fits.flatMap((f) => f.rows))];
      for (const g of group.grants) {
        const rendered = this.maskers
          .masker(g, fields, this.deps.clock.now())
          .rows(fitted.map((s) => source[s]!));
        const renderedOf = new Map(fitted.map((s, j) => [s, rendered[j]!]));
        let matched = 0;
        for (const [i, f] of fits.entries()) {
          const row = leaked[i]!;
          const hit = f.rows.some((s) => {
            const out = renderedOf.get(s)!;
            return fields.every(
              (code, c) => group.roles[c]!.role === 'ignored' || canon(out[code]) === row[c],
            );
          });
          if (hit) matched++;
        }
        const log10 = log10Tail(matched, mu);
        const status = all.find((c) => c.grant.grantId === g.grantId)!.status;
        candidates.push({
          grantId: g.grantId,
          status,
          recipient: { orgId: g.consumerOrgId, name: names.get(g.consumerOrgId)?.name ?? null },
          matched,
          expectedByChance: Number(mu.toFixed(3)),
          log10FalsePositive: Number(log10.toFixed(2)),
          falsePositive: describeBound(log10),
        });
      }
    }
    candidates.sort((a, b) => b.matched - a.matched || a.log10FalsePositive - b.log10FalsePositive);
    const named = candidates
      .filter((c) => c.log10FalsePositive < NAMING_THRESHOLD_LOG10)
      .sort((a, b) => a.log10FalsePositive - b.log10FalsePositive);

    const result: Omit<TraceResult, 'evidenceId'> = {
      verdict: named.length ? 'match' : 'no_match',
      resourceId,
      file: {
        sha256,
        format: file.format,
        rows: file.rows.length,
        columns: columns.map((c) => ({ header: c.header, item: c.item.code })),
      },
      ignoredColumns: ignored,
      rowsDistinct: leaked.length,
      rowsFitting: fitting,
      named,
      candidates,
      threshold: '1e-9',
    };
    const evidenceId = await this.deps.db.kysely.transaction().execute((tx) =>
      this.deps.audit.record(tx, ctx, {
        action: 'exchange.trace',
        subjectType: 'resource',
        subjectId: resourceId,
        details: {
          fileSha256: sha256,
          rows: file.rows.length,
          verdict: result.verdict,
          named: named.map((n) => n.grantId).join(','),
        },
      }),
    );
    return { ...result, evidenceId };
  }

  /** Traces an uploaded file (the HTTP door): kept in a private temporary file only while it is read. */
  async traceUpload(ctx: RequestContext, body: Buffer, opts: { resourceId?: string }): Promise<TraceResult> {
    authorize(ctx, 'exchange.trace');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'orderly-trace-'));
    try {
      const file = path.join(dir, 'leak');
      await fs.writeFile(file, body, { mode: 0o600 });
      return await this.trace(ctx, file, opts);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** Every row of the resource, current values, deleted ones included (they were delivered before). */
  private async sourceRows(resourceId: string): Promise<SourceRow[]> {
    const out: SourceRow[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.datastore.rows(resourceId, {
        limit: PAGE,
        includeDeleted: true,
        ...(after !== undefined && { after }),
      });
      for (const r of page) out.push({ key: r.key, values: r.values });
      if (page.length < PAGE) return out;
      after = page.at(-1)!.key;
    }
  }
}

interface MatchedColumn {
  header: string;
  item: { code: string; name: string };
}

/** Maps the file's headers to items (by code or name, case-insensitive) and picks the resource. */
function matchColumns(
  file: LeakedFile,
  grants: { grant: CompiledGrant }[],
  resourceId: string | undefined,
): { resourceId: string; columns: MatchedColumn[]; ignored: string[] } {
  const byResource = new Map<string, CompiledGrant['resourceItems']>();
  for (const { grant } of grants) byResource.set(grant.resourceId, grant.resourceItems);
  const mapFor = (items: CompiledGrant['resourceItems']) => {
    const cols: MatchedColumn[] = [];
    for (const header of file.columns) {
      const h = header.trim().toLowerCase();
      const item = items.find((i) => i.code.toLowerCase() === h || i.name.toLowerCase() === h);
      if (item && !cols.some((c) => c.item.code === item.code))
        cols.push({ header, item: { code: item.code, name: item.name } });
    }
    return cols;
  };
  let best: { resourceId: string; columns: MatchedColumn[] } | null = null;
  for (const [rid, items] of byResource) {
    const columns = mapFor(items);
    if (!best || columns.length > best.columns.length) best = { resourceId: rid, columns };
  }
  if (resourceId !== undefined && !byResource.has(resourceId))
    throw new AppError(
      'UNPROCESSABLE',
      'No grant was ever issued on this resource: there is nothing to trace.',
    );
  const chosen =
    resourceId !== undefined ? { resourceId, columns: mapFor(byResource.get(resourceId)!) } : best;
  if (!chosen || chosen.columns.length === 0)
    throw new AppError('UNPROCESSABLE', "The file's columns match no shared resource's items.", {
      violations: [
        { field: 'file', code: 'NO_COLUMNS', message: 'no column names an item (by code or name)' },
      ],
    });
  const used = new Set(chosen.columns.map((c) => c.header));
  return { ...chosen, ignored: file.columns.filter((c) => !used.has(c)) };
}

/** The distinct leaked rows as canonical cells in column order (a row repeated is one piece of evidence). */
function distinctRows(file: LeakedFile, columns: MatchedColumn[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const r of file.rows) {
    const cells = columns.map((c) => canon(r[c.header]));
    const key = cells.join('\u0001');
    if (!seen.has(key)) seen.set(key, cells);
  }
  return [...seen.values()];
}

/** Groups grants whose masks and carriers agree on the leaked columns (one fit index per group). */
function groupByProfile(
  grants: CompiledGrant[],
  columns: MatchedColumn[],
  maskers: GrantMaskers,
): { roles: ColumnRole[]; grants: CompiledGrant[] }[] {
  const groups = new Map<string, { roles: ColumnRole[]; grants: CompiledGrant[] }>();
  for (const g of grants) {
    const carriers = new Map(maskers.watermarks.carriers(g).map((c) => [c.code, c]));
    const roles = columns.map((col): ColumnRole => {
      const c = carriers.get(col.item.code);
      if (c) return { role: 'carrier', kind: c.kind, scale: c.scale };
      const spec = g.masks.get(col.item.code)!;
      const tier = masking.maskStrength(spec).tier;
      if (tier === 'pseudonym' || tier === 'hash') return { role: 'keyed' };
      if ((spec as { kind?: string }).kind === 'ageBand') return { role: 'ignored' };
      return { role: 'exact' };
    });
    const key = JSON.stringify([roles, columns.map((c) => g.masks.get(c.item.code))]);
    const group = groups.get(key);
    if (group) group.grants.push(g);
    else groups.set(key, { roles, grants: [g] });
  }
  return [...groups.values()];
}
