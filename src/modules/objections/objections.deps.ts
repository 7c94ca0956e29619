import type { AuditPort, Clock, Db, PlatformKeyring, ProfileName } from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import type { CalendarService } from '../calendar/index.js';
import type { Catalogue } from '../catalogue/index.js';
import type { DatastoreService } from '../datastore/index.js';
import type { Identity } from '../identity/index.js';
import type { JobsService } from '../jobs/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { Quality } from '../quality/index.js';
import type { Sharing } from '../sharing/index.js';

/** Deadlines and limits of the objection loop (docs/objections.md); working days unless named otherwise. */
export interface ObjectionSettings {
  /** The provider accepts or rejects within this many working days of the raise. */
  answerDays: number;
  /** The provider corrects or dismisses within this many working days of its acceptance. */
  resolveDays: number;
  /** Corrected records count against accuracy for this many calendar days. */
  accuracyWindowDays: number;
  /** Records one objection may name. */
  maxRecords: number;
}

/** The defaults (STANDARDS.md §10: working days, configurable). */
export const DEFAULT_OBJECTION_SETTINGS: ObjectionSettings = {
  answerDays: 5,
  resolveDays: 10,
  accuracyWindowDays: 365,
  maxRecords: 100,
};

/** Dependencies of the objection loop. */
export interface ObjectionsDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  keyring: PlatformKeyring;
  cryptoProfile: ProfileName;
  catalogue: Catalogue;
  datastore: DatastoreService;
  /** Grant checks: a consumer raises through its grant's row filter and items. */
  grants: Sharing['grants'];
  /** Corrections are validated with the resource's rules; scores are recomputed after one. */
  quality: Quality;
  jobs: JobsService;
  calendar: CalendarService;
  alerts: AlertsService;
  notifications: NotificationsService;
  directory: Identity['directory'];
  settings: ObjectionSettings;
}
