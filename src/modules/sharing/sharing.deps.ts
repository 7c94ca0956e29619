import type { AuditPort, Clock, Db, PlatformKeyring, ProfileName } from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import type { CalendarService } from '../calendar/index.js';
import type { Catalogue } from '../catalogue/index.js';
import type { DatastoreService } from '../datastore/index.js';
import type { Identity } from '../identity/index.js';
import type { JobsService } from '../jobs/index.js';
import type { NotificationsService } from '../notifications/index.js';

/** Deadlines and limits of the workflow (docs/sharing.md); working days unless named otherwise. */
export interface SharingSettings {
  prereviewDays: number;
  providerDaysOnPlatform: number;
  providerDays: number;
  mediationDays: number;
  demandAnswerDays: number;
  /** The longest validity an application may ask for, in calendar days. */
  maxDurationDays: number;
  /** Expiry reminders, in calendar days before validUntil. */
  reminderDays: number[];
}

/** The defaults of STANDARDS.md §1 and the issue. */
export const DEFAULT_SHARING_SETTINGS: SharingSettings = {
  prereviewDays: 2,
  providerDaysOnPlatform: 5,
  providerDays: 10,
  mediationDays: 5,
  demandAnswerDays: 5,
  maxDurationDays: 1095,
  reminderDays: [30, 7],
};

/** Dependencies of the sharing module. */
export interface SharingDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  jobs: JobsService;
  catalogue: Catalogue;
  datastore: DatastoreService;
  notifications: NotificationsService;
  alerts: AlertsService;
  calendar: CalendarService;
  directory: Identity['directory'];
  keyring: PlatformKeyring;
  cryptoProfile: ProfileName;
  settings: SharingSettings;
}
