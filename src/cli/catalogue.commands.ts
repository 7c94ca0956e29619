import fs from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// Catalogue commands: the same services and checks as the HTTP API, acting as the logged-in user. Resource
// documents are read from JSON or YAML files (by extension; YAML for hand-written catalogues).

function readDoc(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
}

/** Adds `orderly catalogue …`. */
export function catalogueCommands(program: Command): void {
  const cat = program.command('catalogue').description('The resource catalogue (资源目录)');
  cat
    .command('list')
    .description('Search the catalogue (two-character Chinese queries work)')
    .option('-q, --query <text>')
    .option('--scope <scope>', 'published | mine | review', 'published')
    .option('--share-type <types>', 'comma-separated: unconditional,conditional,none')
    .option('--open-type <types>', 'comma-separated: open,conditional,closed')
    .option('--limit <n>', 'page size', '50')
    .option('--offset <n>', 'skip', '0')
    .action(
      async (o: {
        query?: string;
        scope: string;
        shareType?: string;
        openType?: string;
        limit: string;
        offset: string;
      }) =>
        withPlatform(async (p) =>
          printJson(
            await p.catalogue.browse.search(await cliContext(p), {
              ...(o.query && { q: o.query }),
              scope: o.scope,
              ...(o.shareType && { shareType: o.shareType }),
              ...(o.openType && { openType: o.openType }),
              limit: o.limit,
              offset: o.offset,
            }),
          ),
        ),
    );
  cat
    .command('show <ref>')
    .description('One resource by id or code')
    .action(async (ref: string) =>
      withPlatform(async (p) => printJson(await p.catalogue.browse.get(await cliContext(p), ref))),
    );
  cat
    .command('create <file>')
    .description('Register a draft from a JSON or YAML document (steward)')
    .option('--org <id>', "provider organisation (defaults to the steward's)")
    .action(async (file: string, o: { org?: string }) =>
      withPlatform(async (p) => {
        const doc = readDoc(file) as Record<string, unknown>;
        printJson(
          await p.catalogue.resources.create(await cliContext(p), { ...doc, ...(o.org && { orgId: o.org }) }),
        );
      }),
    );
  cat
    .command('update <id> <file>')
    .description('Edit the draft or open a new version from a JSON or YAML document (steward)')
    .action(async (id: string, file: string) =>
      withPlatform(async (p) =>
        printJson(await p.catalogue.resources.update(await cliContext(p), id, readDoc(file))),
      ),
    );
  cat
    .command('submit <id>')
    .description('Send the latest version to the bureau (steward)')
    .action(async (id: string) =>
      withPlatform(async (p) => printJson(await p.catalogue.resources.submit(await cliContext(p), id))),
    );
  cat
    .command('review <id>')
    .description('Approve or return the submitted version (reviewer)')
    .option('--approve')
    .option('--return')
    .option('--comment <text>')
    .action(async (id: string, o: { approve?: boolean; return?: boolean; comment?: string }) =>
      withPlatform(async (p) =>
        printJson(
          await p.catalogue.resources.review(await cliContext(p), id, {
            decision: o.return ? 'return' : o.approve ? 'approve' : undefined,
            ...(o.comment && { comment: o.comment }),
          }),
        ),
      ),
    );
  cat
    .command('withdraw <id>')
    .description('Withdraw a resource with a reason')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }) =>
      withPlatform(async (p) => printJson(await p.catalogue.resources.withdraw(await cliContext(p), id, o))),
    );
  cat
    .command('versions <ref>')
    .description('Version history with diffs')
    .action(async (ref: string) =>
      withPlatform(async (p) => printJson(await p.catalogue.browse.versions(await cliContext(p), ref))),
    );
  cat
    .command('diff <ref> <from> <to>')
    .description('Items added, removed, retyped and restricted between two versions')
    .action(async (ref: string, from: string, to: string) =>
      withPlatform(async (p) =>
        printJson(await p.catalogue.browse.diff(await cliContext(p), ref, Number(from), Number(to))),
      ),
    );
  cat
    .command('detect <csv>')
    .description('Suggest items, PII kinds, levels and masks from a sample CSV (steward)')
    .action(async (file: string) =>
      withPlatform(async (p) =>
        printJson(p.catalogue.detect(await cliContext(p), { csv: fs.readFileSync(file, 'utf8') })),
      ),
    );
  cat
    .command('export')
    .description('Export the catalogue: --scope open (public DCAT-AP) or full (signed-in, for cascading)')
    .option('--format <f>', 'ttl | jsonld | json (json: full scope only)', 'ttl')
    .option('--scope <s>', 'open | full', 'full')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (o: { format: string; scope: string; out?: string }) =>
      withPlatform(async (p) => {
        const d =
          o.scope === 'open'
            ? await p.catalogue.exports.publicDcat({ format: o.format }, undefined)
            : await p.catalogue.exports.fullExport(await cliContext(p), { format: o.format });
        if (o.out) {
          fs.writeFileSync(o.out, d.body);
          process.stdout.write(`${d.count} resources written to ${o.out}\n`);
        } else process.stdout.write(d.body.endsWith('\n') ? d.body : `${d.body}\n`);
      }),
    );
  const policy = cat.command('policy').description('The level policy table');
  policy
    .command('show')
    .description('The table in force')
    .action(async () =>
      withPlatform(async (p) => printJson(await p.catalogue.policy.get(await cliContext(p)))),
    );
  policy
    .command('set <file>')
    .description('Replace the table from JSON or YAML {revision, table} (secadmin)')
    .action(async (file: string) =>
      withPlatform(async (p) => printJson(await p.catalogue.policy.put(await cliContext(p), readDoc(file)))),
    );
}
