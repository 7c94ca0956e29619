import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// The sharing workflow from the command line (docs/sharing.md): the same services and checks as the HTTP
// API, acting as the logged-in user. Applications and grant scopes are read from JSON or YAML files.

function readDoc(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  return (/\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text)) as Record<string, unknown>;
}

/** Only the options that were given, so the service's own defaults and checks apply to the rest. */
function given(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Adds `orderly sharing …`, `orderly grants …` and `orderly demands …`. */
export function sharingCommands(program: Command): void {
  const sh = program
    .command('sharing')
    .description('Applications for shared data (共享申请) and their review');
  sh.command('upload <file>')
    .description('Upload a supporting document; prints its digest for the application (consumer)')
    .option('--name <name>', 'document name (default: the file name)')
    .action(async (file: string, o: { name?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.sharing.applications.documents.upload(await cliContext(p), fs.readFileSync(file), {
            name: o.name ?? path.basename(file),
          }),
        ),
      ),
    );
  sh.command('apply <file>')
    .description('Create an application from a JSON or YAML document (consumer)')
    .option('--submit', 'submit it at once')
    .action(async (file: string, o: { submit?: boolean }) =>
      withPlatform(async (p) =>
        printJson(
          await p.sharing.applications.create(await cliContext(p), {
            ...readDoc(file),
            ...(o.submit && { submit: true }),
          }),
        ),
      ),
    );
  sh.command('list')
    .description('Applications: mine (my organisation applied), review (waiting for me), all')
    .option('--box <box>', 'mine | review | all', 'mine')
    .option('--status <status>', 'draft | prereview | review | returned | decided | withdrawn')
    .option('--limit <n>')
    .option('--offset <n>')
    .action(async (o: Record<string, string | undefined>) =>
      withPlatform(async (p) => printJson(await p.sharing.applications.list(await cliContext(p), given(o)))),
    );
  sh.command('show <id>')
    .description('One application with its parts, deadlines, decisions and grants')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.sharing.applications.get(await cliContext(p), id))),
    );
  sh.command('amend <id> <file>')
    .description('Edit a draft or returned application from a JSON or YAML document (consumer)')
    .action(async (id: string, file: string) =>
      withPlatform(async (p) =>
        printJson(await p.sharing.applications.update(await cliContext(p), id, readDoc(file))),
      ),
    );
  sh.command('submit <id>')
    .description('Submit (or resubmit after amendment) an application (consumer)')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.sharing.applications.submit(await cliContext(p), id))),
    );
  sh.command('withdraw <id>')
    .description('Withdraw an undecided application (consumer)')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }) =>
      withPlatform(async (p) =>
        printJson(await p.sharing.applications.withdraw(await cliContext(p), id, { reason: o.reason })),
      ),
    );
  sh.command('queue')
    .description('What waits for me: parts to decide (approver), pre-reviews, disputes, escalations (bureau)')
    .action(async () =>
      withPlatform(async (p) => printJson(await p.sharing.applications.queue(await cliContext(p)))),
    );
  sh.command('prereview <id>')
    .description(
      "The bureau's pre-review: pass, return (with --comment) or refuse (with --reason and --basis)",
    )
    .requiredOption('--decision <decision>', 'pass | return | refuse')
    .option('--comment <text>')
    .option('--reason <text>')
    .option('--basis <text>')
    .action(async (id: string, o: Record<string, string | undefined>) =>
      withPlatform(async (p) =>
        printJson(await p.sharing.applications.reviews.prereview(await cliContext(p), id, given(o))),
      ),
    );
  sh.command('decide <id> <partId>')
    .description(
      'A provider approver decides its part: approve --scope <file>, refuse --reason --basis, return --comment',
    )
    .requiredOption('--decision <decision>', 'approve | refuse | return')
    .option('--scope <file>', 'the grant scope (JSON or YAML), for approve')
    .option('--reason <text>')
    .option('--basis <text>')
    .option('--comment <text>')
    .action(async (id: string, partId: string, o: Record<string, string | undefined>) =>
      withPlatform(async (p) => {
        const { scope, ...rest } = o;
        const body = { ...given(rest), ...(scope && { scope: readDoc(scope) }) };
        printJson(await p.sharing.applications.reviews.decide(await cliContext(p), id, partId, body));
      }),
    );
  sh.command('dispute <id> <partId>')
    .description('Dispute a refused part; the bureau mediates (consumer)')
    .requiredOption('--reason <text>')
    .action(async (id: string, partId: string, o: { reason: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.sharing.applications.mediation.dispute(await cliContext(p), id, partId, {
            reason: o.reason,
          }),
        ),
      ),
    );
  sh.command('mediate <id> <partId>')
    .description('Final mediation of a disputed part: uphold, or grant with --scope <file> (bureau)')
    .requiredOption('--decision <decision>', 'uphold | grant')
    .requiredOption('--comment <text>')
    .option('--scope <file>', 'the grant scope (JSON or YAML), for grant')
    .action(async (id: string, partId: string, o: Record<string, string | undefined>) =>
      withPlatform(async (p) => {
        const { scope, ...rest } = o;
        const body = { ...given(rest), ...(scope && { scope: readDoc(scope) }) };
        printJson(await p.sharing.applications.mediation.mediate(await cliContext(p), id, partId, body));
      }),
    );

  sh.command('digest <digest>')
    .description(
      "A decision's scope or basis digest with its salt and JCS text, to hand to a court (auditor)",
    )
    .action(async (digest: string) =>
      withPlatform(async (p) => printJson(await p.sharing.applications.digest(await cliContext(p), digest))),
    );

  const gr = program.command('grants').description('Grants (授权): scope, status, suspend, resume, revoke');
  gr.command('list')
    .option('--box <box>', 'consumer | provider | all', 'all')
    .option('--status <status>', 'active | suspended | revoked | expired')
    .option('--limit <n>')
    .option('--offset <n>')
    .action(async (o: Record<string, string | undefined>) =>
      withPlatform(async (p) => printJson(await p.sharing.grants.list(await cliContext(p), given(o)))),
    );
  gr.command('show <id>')
    .description('One grant with its scope and history')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.sharing.grants.get(await cliContext(p), id))),
    );
  for (const verb of ['suspend', 'resume', 'revoke'] as const)
    gr.command(`${verb} <id>`)
      .description(`${verb[0]!.toUpperCase()}${verb.slice(1)} a grant (provider approver or bureau)`)
      .requiredOption('--reason <text>')
      .action(async (id: string, o: { reason: string }) =>
        withPlatform(async (p) =>
          printJson(await p.sharing.grants[verb](await cliContext(p), id, { reason: o.reason })),
        ),
      );

  const dm = program.command('demands').description('The demand list (需求清单)');
  dm.command('post')
    .description('Post a need for data the catalogue does not list (consumer)')
    .requiredOption('--title <text>', 'what is needed')
    .requiredOption('--purpose <text>', 'why')
    .option('--description <text>')
    .option('--suggested-org <id>', 'the department believed to hold it')
    .action(async (o: { title: string; purpose: string; description?: string; suggestedOrg?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.sharing.demands.create(await cliContext(p), {
            title: o.title,
            purpose: o.purpose,
            ...(o.description && { description: o.description }),
            ...(o.suggestedOrg && { suggestedOrgId: o.suggestedOrg }),
          }),
        ),
      ),
    );
  dm.command('list')
    .option('--box <box>', 'consumer | provider | all', 'all')
    .option('--status <status>', 'open | routed | answered | closed')
    .option('--limit <n>')
    .option('--offset <n>')
    .action(async (o: Record<string, string | undefined>) =>
      withPlatform(async (p) => printJson(await p.sharing.demands.list(await cliContext(p), given(o)))),
    );
  dm.command('show <id>').action(async (id: string) =>
    withPlatform(async (p) => printJson(await p.sharing.demands.get(await cliContext(p), id))),
  );
  dm.command('route <id>')
    .description('Route a demand to a provider; its deadline starts (bureau)')
    .requiredOption('--provider <orgId>')
    .option('--comment <text>')
    .action(async (id: string, o: { provider: string; comment?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.sharing.demands.route(await cliContext(p), id, {
            providerOrgId: o.provider,
            ...(o.comment && { comment: o.comment }),
          }),
        ),
      ),
    );
  dm.command('answer <id>')
    .description('Answer a routed demand: will_publish --expected-date, exists --resource, cannot --reason')
    .requiredOption('--answer <answer>', 'will_publish | exists | cannot')
    .option('--expected-date <YYYY-MM-DD>')
    .option('--resource <id>')
    .option('--reason <text>')
    .option('--comment <text>')
    .action(
      async (
        id: string,
        o: { answer: string; expectedDate?: string; resource?: string; reason?: string; comment?: string },
      ) =>
        withPlatform(async (p) =>
          printJson(
            await p.sharing.demands.answer(
              await cliContext(p),
              id,
              given({
                answer: o.answer,
                expectedDate: o.expectedDate,
                resourceId: o.resource,
                reason: o.reason,
                comment: o.comment,
              }),
            ),
          ),
        ),
    );
  dm.command('close <id>')
    .description('Close a demand with a reason (consumer or bureau)')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }) =>
      withPlatform(async (p) =>
        printJson(await p.sharing.demands.close(await cliContext(p), id, { reason: o.reason })),
      ),
    );
}
