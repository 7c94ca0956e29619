// Filter failures carry the platform's error codes, so every transport maps them the same way: a malformed
// or unsupported filter is a 400 with field issues; a filter on items the caller may only see masked is a 403
// (answering it would reveal the masked values one comparison at a time).
import { AppError, type FieldIssue } from '../../../../kernel/index.js';

/** 400: the filter is malformed, names unknown items, or asks what the item cannot answer. */
export class FilterInvalid extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super('VALIDATION_FAILED', 'The filter is invalid.', { fields: issues });
    this.name = 'FilterInvalid';
  }
}

/** 403: the filter names items not granted to the caller unmasked (by code). */
export class FilterForbidden extends AppError {
  constructor(readonly items: string[]) {
    super('FORBIDDEN', 'The filter names items that are not granted unmasked.', { items });
    this.name = 'FilterForbidden';
  }
}
