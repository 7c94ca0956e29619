import fs from 'node:fs';
import type { Command } from 'commander';
import { createLogger, fieldError, loadConfig } from '../kernel/index.js';
import { createPlatform } from '../server/platform.js';
import { printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// Operations commands: jobs, a standalone worker, alerts, the inbox, webhooks and the working-day calendar.
// Like every data command they act as the logged-in user through the same services as HTTP.

function csv(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Adds jobs, worker, alerts, inbox, webhooks and calendar commands. */
export function opsCommands(program: Command): void {
  const jobs = program.command('jobs').description('Background jobs (operators)');
  jobs
    .command('list')
    .option('--status <status>', 'queued | running | succeeded | dead | cancelled')
    .option('--type <type>')
    .option('--limit <n>', 'max jobs', '50')
    .action(async (o: { status?: string; type?: string; limit: string }) =>
      withPlatform(async (p) => printJson(await p.jobs.list(await cliContext(p), o))),
    );
  jobs
    .command('overview')
    .action(async () => withPlatform(async (p) => printJson(await p.jobs.overview(await cliContext(p)))));
  jobs
    .command('show <id>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.jobs.get(await cliContext(p), id))),
    );
  jobs
    .command('retry <id>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.jobs.retry(await cliContext(p), id))),
    );
  jobs
    .command('cancel <id>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.jobs.cancel(await cliContext(p), id))),
    );

  program
    .command('worker')
    .description('Run a job worker without the HTTP server (several may run beside the server)')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const p = await createPlatform(config, { runner: { logger } });
      p.startBackground();
      logger.info({ worker: p.runner.workerId }, 'job worker started');
      // Idempotent: a signal may arrive twice (the terminal's and the launcher's forwarded copy).
      let stopping: Promise<void> | undefined;
      const stop = () =>
        (stopping ??= (async () => {
          await p.close();
          process.exit(0);
        })());
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });

  const alerts = program.command('alerts').description('Alerts for my roles');
  alerts
    .command('list')
    .option('--status <status>', 'open | acknowledged | resolved')
    .option('--severity <severity>', 'info | warning | critical')
    .action(async (o: { status?: string; severity?: string }) =>
      withPlatform(async (p) => printJson(await p.alerts.list(await cliContext(p), o))),
    );
  alerts
    .command('ack <id>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.alerts.acknowledge(await cliContext(p), id))),
    );
  alerts
    .command('resolve <id>')
    .requiredOption('--resolution <text>', 'what was done')
    .action(async (id: string, o: { resolution: string }) =>
      withPlatform(async (p) =>
        printJson(await p.alerts.resolve(await cliContext(p), id, { resolution: o.resolution })),
      ),
    );

  const inbox = program.command('inbox').description('My messages');
  inbox
    .command('list')
    .option('--unread', 'only unread messages')
    .action(async (o: { unread?: boolean }) =>
      withPlatform(async (p) =>
        printJson(await p.notifications.inbox(await cliContext(p), { unread: o.unread ? 'true' : 'false' })),
      ),
    );
  inbox
    .command('read [id]')
    .option('--all', 'mark all read')
    .action(async (id: string | undefined, o: { all?: boolean }) =>
      withPlatform(async (p) => {
        // Without an id, only an explicit --all marks everything read.
        if (!o.all && !id) throw fieldError('id', 'REQUIRED', 'give a message id or --all');
        printJson(await p.notifications.markRead(await cliContext(p), o.all ? null : id!));
      }),
    );

  const hooks = program.command('webhooks').description("An organisation's webhooks");
  hooks
    .command('list <orgId>')
    .action(async (orgId: string) =>
      withPlatform(async (p) => printJson(await p.notifications.webhooks(await cliContext(p), orgId))),
    );
  hooks
    .command('add <orgId>')
    .requiredOption('--url <url>')
    .requiredOption('--events <patterns>', "comma-separated, e.g. 'alert.*'")
    .option('--description <text>')
    .action(async (orgId: string, o: { url: string; events: string; description?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.notifications.createWebhook(await cliContext(p), orgId, {
            url: o.url,
            events: csv(o.events),
            ...(o.description && { description: o.description }),
          }),
        ),
      ),
    );
  hooks
    .command('disable <id>')
    .action(async (id: string) =>
      withPlatform(async (p) =>
        printJson(await p.notifications.updateWebhook(await cliContext(p), id, { status: 'disabled' })),
      ),
    );
  hooks
    .command('deliveries <id>')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.notifications.deliveries(await cliContext(p), id))),
    );

  const cal = program.command('calendar').description('The working-day calendar');
  cal
    .command('years')
    .action(async () => withPlatform(async (p) => printJson(await p.calendar.years(await cliContext(p)))));
  cal
    .command('load <year> <file>')
    .description("Load or replace a year's schedule from a JSON file (secadmin)")
    .action(async (year: string, file: string) =>
      withPlatform(async (p) => {
        const body = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
        printJson(await p.calendar.putYear(await cliContext(p), Number(year), body));
      }),
    );
  cal
    .command('deadline')
    .requiredOption('--days <n>', 'working days')
    .option('--from <instant>', 'ISO-8601 with offset (default: now)')
    .action(async (o: { days: string; from?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.calendar.computeDeadline(await cliContext(p), {
            workingDays: o.days,
            ...(o.from && { from: o.from }),
          }),
        ),
      ),
    );
}
