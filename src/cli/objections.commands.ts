import fs from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// The objection loop from the command line (docs/objections.md): the same services and checks as the HTTP
// API, acting as the logged-in user. An objection and a correction are read from JSON or YAML files, so the
// item values that name records never land in the shell history.

function readDoc(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  return (/\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text)) as Record<string, unknown>;
}

/** Adds `orderly objections …`. */
export function objectionsCommands(program: Command): void {
  const ob = program.command('objections').description('Objections to data (数据异议/纠错)');
  ob.command('raise <file>')
    .description(
      'Raise an objection from a JSON/YAML file {type, resourceId, grantId, records, description, …}',
    )
    .action(async (file: string) =>
      withPlatform(async (p) =>
        printJson(await p.objections.raise.raise(await cliContext(p), readDoc(file))),
      ),
    );
  ob.command('list')
    .option('--box <box>', 'raised | provider | all', 'all')
    .option('--status <status>', 'raised | accepted | rejected | corrected | dismissed | archived')
    .option('--resource <id>')
    .option('--limit <n>')
    .option('--offset <n>')
    .action(async (o: Record<string, string | undefined>) =>
      withPlatform(async (p) => {
        const { resource, ...rest } = o;
        const query = Object.fromEntries(
          Object.entries({ ...rest, resourceId: resource }).filter((e) => e[1] !== undefined),
        );
        printJson(await p.objections.objections.list(await cliContext(p), query));
      }),
    );
  ob.command('show <id>').action(async (id: string) =>
    withPlatform(async (p) => printJson(await p.objections.objections.get(await cliContext(p), id))),
  );
  ob.command('accept <id>')
    .description('Accept: the records become disputed for every consumer (provider)')
    .option('--comment <text>')
    .action(async (id: string, o: { comment?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.objections.objections.accept(await cliContext(p), id, {
            ...(o.comment && { comment: o.comment }),
          }),
        ),
      ),
    );
  ob.command('reject <id>')
    .description('Reject a raised objection with a reason (provider)')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }) =>
      withPlatform(async (p) =>
        printJson(await p.objections.objections.reject(await cliContext(p), id, { reason: o.reason })),
      ),
    );
  ob.command('correct <id> <file>')
    .description(
      'Resolve as corrected from a JSON/YAML file {corrections: [{record, values}], comment?} (provider)',
    )
    .action(async (id: string, file: string) =>
      withPlatform(async (p) =>
        printJson(
          await p.objections.resolve.resolve(await cliContext(p), id, {
            outcome: 'corrected',
            ...readDoc(file),
          }),
        ),
      ),
    );
  ob.command('dismiss <id>')
    .description('Resolve as dismissed after verification, with a reason (provider)')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.objections.resolve.resolve(await cliContext(p), id, {
            outcome: 'dismissed',
            reason: o.reason,
          }),
        ),
      ),
    );
  ob.command('rate <id>')
    .description('Rate the handling 1–5, solved or not; archives it (raiser)')
    .requiredOption('--rating <n>')
    .option('--unsolved', 'the problem was not solved')
    .option('--comment <text>')
    .action(async (id: string, o: { rating: string; unsolved?: boolean; comment?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.objections.objections.rate(await cliContext(p), id, {
            rating: Number(o.rating),
            solved: !o.unsolved,
            ...(o.comment && { comment: o.comment }),
          }),
        ),
      ),
    );
}
