import type { traceZhCN } from './trace.zh-CN';

// English for the leak-trace page: upload a suspected leak, read the verdict.

export const traceEn: Record<keyof typeof traceZhCN, string> = {
  'nav.exchangeTrace': 'Leak trace',

  'trace.hint':
    'Upload a data file found where it should not be (CSV, NDJSON, JSON or XLSX; columns named by item code or name; order, sampling and row order do not matter). The platform renders the records again with every grant\'s watermark and compares them row by row: it names the grant and organisation that received the data when it can be sure enough, otherwise it answers "no match". The file is kept only while it is compared; every trace is audited.',
  'trace.upload.title': 'Upload a suspected leak',
  'trace.upload.file': 'File',
  'trace.upload.formats': 'CSV, NDJSON, JSON or XLSX.',
  'trace.upload.chosen': '{name} ({size}) chosen',
  'trace.upload.resource': 'Resource id (optional)',
  'trace.upload.resourcePlaceholder': "Leave empty to detect it from the file's columns",
  'trace.upload.resourceHint':
    'Fill in when you know which resource the file comes from; detection is skipped.',
  'trace.upload.unsupported': 'This type of file is not supported: choose a CSV, NDJSON, JSON or XLSX file.',
  'trace.upload.required': 'Choose a file.',
  'trace.upload.badResource': 'The resource id is not valid.',
  'trace.upload.submit': 'Trace',
  'trace.upload.tracing': 'Comparing…',

  'trace.verdict.match': 'Verdict: the records in the file come from the {n} grant(s) below',
  'trace.verdict.noMatch': 'Verdict: no match',
  'trace.verdict.noMatchHint':
    "No grant's watermark explains the file with enough confidence (a false-positive bound below {threshold}): it may not have been delivered by the platform, have too few records, or have been altered.",
  'trace.confidence':
    'False-positive bound: if this grant had not received the records, the chance of matching this many rows by luck alone is at most this figure; a grant is named only below {threshold}.',
  'trace.matchedOf': '{matched} of {fitting} rows',

  'trace.col.recipient': 'Recipient',
  'trace.col.grant': 'Grant',
  'trace.col.status': 'Grant status',
  'trace.col.matched': 'Matched rows',
  'trace.col.expected': 'Expected by chance',
  'trace.col.bound': 'False-positive bound',

  'trace.file.title': 'How the file was read',
  'trace.file.name': 'File',
  'trace.file.resource': 'Resource',
  'trace.file.rows': 'Records',
  'trace.file.rowsText':
    "{format}, {rows} rows, {distinct} distinct, {fitting} of which fit the resource's records",
  'trace.file.columns': 'Columns and items',
  'trace.file.ignored': 'Columns not recognised',
  'trace.file.sha256': 'File digest (SHA-256)',
  'trace.file.evidence': 'Audit event id',

  'trace.candidates.title': 'Grants compared',
  'trace.candidates.hint':
    'Every grant ever issued on the resource that includes these items, most matches first.',
};
