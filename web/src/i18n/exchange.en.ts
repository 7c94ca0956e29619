import type { exchangeZhCN } from './exchange.zh-CN';

// English for the exchange pages: "my data" and the access log.

export const exchangeEn: Record<keyof typeof exchangeZhCN, string> = {
  'nav.exchangeData': 'My data',
  'nav.exchangeAccess': 'Access log',

  'exchange.data.hint':
    "Your organisation's active grants. Choose one to browse its data: the platform returns it within the grant, masked as granted, and records every query with your identity in the evidence ledger.",
  'exchange.data.detail': 'Granted data',
  'exchange.data.browse': 'Browse data',
  'exchange.data.noApi':
    'This grant has no API method, so it cannot be browsed in the console. Granted methods: {methods}.',
  'exchange.data.grant': 'Grant',
  'exchange.data.scope': 'Granted items',

  'exchange.query.title': 'Query',
  'exchange.query.case': 'Case reference (optional)',
  'exchange.query.caseHint':
    'The number of the case this query serves (e.g. a benefits application); recorded with the access.',
  'exchange.query.caseInvalid':
    'A case reference is 1–100 printable ASCII characters (letters, digits, symbols).',
  'exchange.query.filter': 'Filter (optional; items granted in clear only)',
  'exchange.query.noFilterItems': 'This grant has no items in clear, so it cannot be filtered.',
  'exchange.query.limit': 'Rows per page',
  'exchange.query.run': 'Query',
  'exchange.query.refresh': 'Refresh this page',
  'exchange.query.recorded':
    'Every query (next pages and refreshes included) is recorded with your identity, and the providing organisation can see it.',
  'exchange.query.notRun': 'Enter a case reference and a filter if needed, then press "Query".',
  'exchange.query.outside': 'The query goes beyond the grant: {items}.',
  'exchange.query.filterOutside': 'A filter may only use items granted in clear; these are not: {items}.',

  'exchange.records.title': 'Data',
  'exchange.records.row': 'No.',
  'exchange.records.disputed': 'Disputed',
  'exchange.records.disputedHint': 'An accepted objection concerns this record; check it before use.',
  'exchange.records.masked': 'Masked',
  'exchange.records.clear': 'Clear',
  'exchange.records.page': 'Page {n}, {rows} rows',
  'exchange.records.next': 'Next page',
  'exchange.records.prev': 'Previous page',
  'exchange.records.end': 'Last page',
  'exchange.records.evidence': 'Evidence id of this page',

  'exchange.denied.title': 'Access to the data of this grant is denied',
  'exchange.denied.reason': 'Reason',
  'exchange.reason.REVOKED': 'The grant has been revoked',
  'exchange.reason.SUSPENDED': 'The grant is suspended',
  'exchange.reason.EXPIRED': 'The grant has expired',
  'exchange.reason.NOT_YET_VALID': 'The grant is not valid yet',
  'exchange.reason.NOT_CONSUMER': "Only your organisation's data consumers may browse granted data",
  'exchange.reason.UNUSABLE':
    'The grant cannot be used now (the resource was withdrawn or its items changed)',
  'exchange.reason.IP_NOT_ALLOWED': "Your network address is outside the grant's IP ranges",
  'exchange.reason.METHOD_NOT_GRANTED': 'The grant does not allow the API method',
  'exchange.reason.UNBOUND_CLIENT': 'The API client is not bound to the grant',
  'exchange.reason.UNKNOWN': 'Access denied',
  'exchange.rate.title': "The grant's access limit is reached",
  'exchange.rate.retry': 'Try again in {n} seconds (around {at}).',

  'exchange.access.hint':
    'Every access to granted data as the platform recorded it: time, grant, resource, both organisations, method, caller, case reference, items and rows, newest first. One row per access event in the evidence ledger.',
  'exchange.box.provider': 'Accesses to our data',
  'exchange.box.consumer': "Our organisation's accesses",
  'exchange.box.all': 'All accesses',
  'exchange.access.grant': 'Grant',
  'exchange.access.allGrants': 'All grants',
  'exchange.access.resource': 'Resource',
  'exchange.access.provider': 'Provider',
  'exchange.access.consumer': 'Consumer',
  'exchange.access.userRef': 'User reference',
  'exchange.access.more': 'Older accesses',
};
