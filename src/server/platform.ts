import {
  createAuditPort,
  getProfile,
  kernelMigrations,
  loadOrCreateKeyring,
  migrateToLatest,
  openDb,
  systemClock,
  type Clock,
  type Config,
  type Db,
  type EngineMigration,
  type PlatformKeyring,
  type RouteDef,
} from '../kernel/index.js';
import {
  createIdentity,
  identityMigrations,
  identityRoutes,
  type Identity,
} from '../modules/identity/index.js';
import {
  JobRunner,
  JobsService,
  jobsMigrations,
  jobsRoutes,
  type RunnerOptions,
} from '../modules/jobs/index.js';
import { AlertsService, alertsMigrations, alertsRoutes } from '../modules/alerts/index.js';
import {
  deliverWebhook,
  NotificationsService,
  notificationsMigrations,
  notificationsRoutes,
  WEBHOOK_JOB,
  type NotificationsDeps,
} from '../modules/notifications/index.js';
import { CalendarService, calendarMigrations, calendarRoutes } from '../modules/calendar/index.js';
import {
  evidenceMigrations,
  Ledger,
  ledgerAuditPort,
  type LedgerAuditPort,
  LedgerService,
  ledgerRoutes,
  NotarisationService,
} from '../modules/evidence/index.js';
import {
  catalogueMigrations,
  catalogueRoutes,
  createCatalogue,
  type Catalogue,
} from '../modules/catalogue/index.js';
import {
  DataKeys,
  DatastoreService,
  datastoreMigrations,
  datastoreRoutes,
} from '../modules/datastore/index.js';
import {
  createQuality,
  INGEST_JOB,
  qualityMigrations,
  qualityRoutes,
  SCORE_JOB,
  SCORE_SCHEDULE,
  type Quality,
} from '../modules/quality/index.js';
import {
  CHANGE_EVENT,
  createExchange,
  exchangeMigrations,
  exchangeRoutes,
  FILES_PACKAGE_JOB,
  PACKAGE_JOB,
  PUSH_JOB,
  type Exchange,
} from '../modules/exchange/index.js';
import {
  createSharing,
  DEFAULT_SHARING_SETTINGS,
  sharingMigrations,
  sharingRoutes,
  type Sharing,
} from '../modules/sharing/index.js';
import {
  createObjections,
  DEFAULT_OBJECTION_SETTINGS,
  objectionsAccuracy,
  objectionsMigrations,
  objectionsRoutes,
  type Objections,
} from '../modules/objections/index.js';
import { fileCipher } from './file-cipher.js';
import { systemRoutes } from './system.routes.js';

// The composition root: opens the database, migrates, loads the keyring and wires the modules. Server, CLI
// and tests all build the platform here, so they run the same code.

/** Every migration, in order. */
export const allMigrations: EngineMigration[] = [
  ...kernelMigrations,
  ...identityMigrations,
  ...jobsMigrations,
  ...notificationsMigrations,
  ...alertsMigrations,
  ...calendarMigrations,
  ...evidenceMigrations,
  ...catalogueMigrations,
  ...datastoreMigrations,
  ...qualityMigrations,
  ...sharingMigrations,
  ...exchangeMigrations,
  ...objectionsMigrations,
];

/** The assembled platform. */
export interface Platform {
  config: Config;
  db: Db;
  clock: Clock;
  keyring: PlatformKeyring;
  /** The audit port, with the ledger's batch API (group commit on hot paths). */
  audit: LedgerAuditPort;
  identity: Identity;
  jobs: JobsService;
  notifications: NotificationsService;
  alerts: AlertsService;
  calendar: CalendarService;
  ledger: Ledger;
  ledgerService: LedgerService;
  notarisations: NotarisationService;
  catalogue: Catalogue;
  datastore: DatastoreService;
  quality: Quality;
  sharing: Sharing;
  exchange: Exchange;
  objections: Objections;
  /** This process's job runner (started by `serve`; tests drive it by hand). */
  runner: JobRunner;
  routes: RouteDef[];
  /**
   * Starts what `serve` and `worker` run beside requests: the job runner, the ledger sequencer, and the
   * package render worker (started now so that the first package build does not wait for it).
   */
  startBackground(): void;
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  /** Skip migrations (the CLI's migrate command runs them itself and reports). */
  migrate?: boolean;
  /** An already open database (tests). */
  db?: Db;
  /** Job runner options (tests shorten leases and backoff). */
  runner?: RunnerOptions;
}

/** Opens and wires the platform. */
export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const db = opts.db ?? openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (opts.migrate !== false) await migrateToLatest(db, allMigrations);
    const keyring = await loadOrCreateKeyring(config.dataDir, config.cryptoProfile);
    const clock = opts.clock ?? systemClock;
    // Every audit event is also queued for the Merkle log, in the same transaction (the evidence module's port).
    const audit = ledgerAuditPort(createAuditPort(getProfile(config.cryptoProfile).hashName, clock));
    const identity = createIdentity({ db, audit, clock, keyring, config });
    const jobs = new JobsService({ db, audit, clock });
    const runner = new JobRunner({ db, audit, clock }, jobs, opts.runner);
    const notificationDeps: NotificationsDeps = {
      db,
      audit,
      clock,
      keyring,
      jobs,
      directory: identity.directory,
      webhookAllowPrivate: config.webhookAllowPrivate,
      webhookMaxAttempts: config.webhookMaxAttempts,
      webhookTimeoutMs: 10_000,
    };
    const notifications = new NotificationsService(notificationDeps);
    runner.register(WEBHOOK_JOB, (payload, ctx) => deliverWebhook(notificationDeps, payload, ctx));
    const alerts = new AlertsService({ db, audit, clock }, notifications);
    const calendar = new CalendarService({ db, audit, clock, alerts });
    const ledger = new Ledger(
      { db, clock, keyring, alerts },
      {
        name: config.ledgerName,
        hashAlg: getProfile(config.cryptoProfile).hashName,
        checkpointIntervalMs: config.checkpointIntervalMs,
        ...(opts.runner?.logger && { logger: opts.runner.logger }),
      },
    );
    await ledger.init();
    const ledgerService = new LedgerService({ db, clock, audit, keyring, alerts, ledger });
    const notarisations = new NotarisationService(
      { db, clock, audit, keyring, alerts, ledger },
      ledgerService,
    );
    const catalogue = createCatalogue({
      db,
      audit,
      clock,
      notifications,
      directory: identity.directory,
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
      fileCipher: fileCipher(keyring, config.cryptoProfile),
    });
    const datastore = new DatastoreService({
      db,
      audit,
      clock,
      keys: new DataKeys(keyring, config.cryptoProfile),
    });
    catalogue.events.on(datastore.listener);
    const quality = createQuality({
      db,
      audit,
      clock,
      jobs,
      catalogue,
      datastore,
      notifications,
      alerts,
      dataDir: config.dataDir,
      keyring,
      cryptoProfile: config.cryptoProfile,
      sourceAllowList: config.sourceAllowList,
      // Upheld objections lower the accuracy score (docs/objections.md).
      accuracy: objectionsAccuracy({ db, clock }, DEFAULT_OBJECTION_SETTINGS.accuracyWindowDays),
    });
    runner.register(INGEST_JOB, quality.runner.handler);
    runner.register(SCORE_JOB, quality.scores.handler);
    // Daily scores (idempotent: an existing schedule keeps its next run).
    await jobs.defineSchedule(SCORE_SCHEDULE, SCORE_JOB, 86_400, { all: true });
    const sharing = createSharing({
      db,
      audit,
      clock,
      jobs,
      catalogue,
      datastore,
      notifications,
      alerts,
      calendar,
      directory: identity.directory,
      keyring,
      cryptoProfile: config.cryptoProfile,
      settings: DEFAULT_SHARING_SETTINGS,
    });
    const exchange = createExchange({
      outbox: notifications,
      changeRetentionDays: config.changeRetentionDays,
      db,
      audit,
      clock,
      keyring,
      cryptoProfile: config.cryptoProfile,
      datastore,
      grants: sharing.grants,
      alerts,
      jobs,
      directory: identity.directory,
      catalogue,
      dataDir: config.dataDir,
    });
    runner.register(PACKAGE_JOB, exchange.packageBuilder.handler);
    runner.register(FILES_PACKAGE_JOB, exchange.filesPackageBuilder.handler);
    // Change subscriptions: a job moves changes into the outbox; their bodies are built at each delivery.
    notificationDeps.payloadResolvers = new Map([
      [CHANGE_EVENT, (ref: string) => exchange.push.resolve(ref)],
    ]);
    runner.register(PUSH_JOB, () => exchange.push.pushOnce());
    await jobs.defineSchedule(PUSH_JOB, PUSH_JOB, 5);
    const objections = createObjections({
      db,
      audit,
      clock,
      keyring,
      cryptoProfile: config.cryptoProfile,
      catalogue,
      datastore,
      grants: sharing.grants,
      quality,
      jobs,
      calendar,
      alerts,
      notifications,
      directory: identity.directory,
      settings: DEFAULT_OBJECTION_SETTINGS,
    });
    for (const j of [...sharing.jobs, ...objections.jobs]) {
      runner.register(j.type, j.handler);
      await jobs.defineSchedule(j.schedule, j.type, j.intervalSeconds);
    }
    const platform: Platform = {
      config,
      db,
      clock,
      keyring,
      audit,
      identity,
      jobs,
      notifications,
      alerts,
      calendar,
      ledger,
      ledgerService,
      notarisations,
      catalogue,
      datastore,
      quality,
      sharing,
      exchange,
      objections,
      runner,
      routes: [],
      startBackground: () => {
        runner.start();
        ledger.start();
        void exchange.packageBuilder.renderer.warm();
      },
      close: async () => {
        await runner.stop();
        await exchange.packageBuilder.renderer.close();
        await ledger.stop();
        await db.close();
      },
    };
    platform.routes = [
      ...identityRoutes(identity),
      ...jobsRoutes(jobs),
      ...notificationsRoutes(notifications),
      ...alertsRoutes(alerts),
      ...calendarRoutes(calendar),
      ...ledgerRoutes(ledgerService, notarisations),
      ...catalogueRoutes(catalogue),
      ...qualityRoutes(quality),
      ...sharingRoutes(sharing),
      ...exchangeRoutes(exchange),
      ...objectionsRoutes(objections),
      ...datastoreRoutes(datastore, async (ctx, ref) => {
        const r = await catalogue.browse.get(ctx, ref);
        return { id: r.id, orgId: r.provider.id };
      }),
      ...systemRoutes(platform),
    ];
    return platform;
  } catch (e) {
    await db.close();
    throw e;
  }
}
