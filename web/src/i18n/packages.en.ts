import type { packagesZhCN } from './packages.zh-CN';

// English for the package pages: asking for a package of a grant, following its build, downloading it and
// opening it offline.

export const packagesEn: Record<keyof typeof packagesZhCN, string> = {
  'nav.exchangePackages': 'Packages',

  'packages.page.hint':
    "Your organisation's packages, newest first. A package is asked for on a grant's page in My data (the grant must allow the package method); the platform builds it in the background, masked and watermarked as granted, sealed to your organisation's encryption key, and it can be downloaded for 7 days.",
  'packages.page.toData': 'Go to My data',
  'packages.data.open': 'Packages',
  'packages.data.packageOnly':
    'This grant has no API method, so it cannot be browsed in the console, but you can ask for a package.',

  'packages.request.title': 'Ask for a package',
  'packages.request.hint':
    'A package holds every record of the grant (within its row filter), masked as the records API masks them. The request is recorded with your identity; once built, the package can be downloaded below.',
  'packages.request.format': 'Format',
  'packages.request.fields': 'Items (optional)',
  'packages.request.allFields': 'With none ticked, all {n} granted items are included.',
  'packages.request.someFields': '{n} items chosen.',
  'packages.request.files':
    'This is a file resource: the package holds all its current files as the catalogue stores them; there is no format or item to choose.',
  'packages.request.submit': 'Ask',
  'packages.request.sending': 'Sending…',
  'packages.request.done': 'Requested: the package is queued for building.',

  'packages.list.grantTitle': "This grant's packages",
  'packages.col.resource': 'Resource',
  'packages.col.created': 'Asked at',
  'packages.col.format': 'Format',
  'packages.col.fields': 'Items',
  'packages.col.status': 'Status',
  'packages.col.rows': 'Records',
  'packages.col.bytes': 'Size',
  'packages.col.expires': 'Download until',
  'packages.status.queued': 'Queued',
  'packages.status.building': 'Building',
  'packages.status.ready': 'Ready',
  'packages.status.failed': 'Failed',
  'packages.format.csv': 'CSV',
  'packages.format.ndjson': 'NDJSON',
  'packages.format.files': 'Files',
  'packages.download': 'Download',
  'packages.downloading': 'Downloading…',

  'packages.open.title': 'Opening a package',
  'packages.open.hint':
    "The downloaded file is sealed to your organisation's encryption key and signed by the platform; it cannot be opened as it is. Offline, with your organisation's encryption private key and the platform's public keys, run:",
  'packages.open.command':
    'orderly package open <package id>.pkg --key <org-encryption-key.pem> --platform-keys platform-keys.json --out data.csv',
  'packages.open.keys':
    "The command checks the platform's signature and the data digest before it writes any data, and refuses a file that was altered or cut short. platform-keys.json is the platform's public key list, which you can save here.",
  'packages.open.saveKeys': 'Save the platform keys (platform-keys.json)',
};
