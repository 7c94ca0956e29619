import type { Violation } from './sharing-api';

// Where a 422's problems go: each names a field path (parts[1].items[2], scope.items[0].mask, durationDays),
// and the form shows it beside that field as well as in the list above its buttons (a path the form has no
// control for is then still seen).

const inside = (field: string, path: string) =>
  field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);

/** The problems of a failed call, looked up by path. */
export class FieldErrors {
  constructor(readonly all: readonly Violation[]) {}

  /** Messages for exactly this path (the server may put a prefix such as "scope." in front). */
  at(path: string, prefix = ''): string | undefined {
    return this.join(this.all.filter((v) => v.field === path || v.field === `${prefix}${path}`));
  }

  /** Messages for this path and every path inside it. */
  under(path: string, prefix = ''): string | undefined {
    return this.join(this.all.filter((v) => inside(v.field, path) || inside(v.field, `${prefix}${path}`)));
  }

  private join(hits: readonly Violation[]): string | undefined {
    return hits.length ? hits.map((v) => v.message || v.code).join('；') : undefined;
  }
}

export const NO_ERRORS = new FieldErrors([]);
