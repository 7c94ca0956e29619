import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import boundaries from '../../tools/eslint-boundaries.js';

// The module-boundary rule (ARCHITECTURE.md rule 1) really fails on a shortcut into another module's inner
// files, and allows index imports and imports inside a module.

const root = path.resolve(import.meta.dirname, '..', '..');

async function lint(file: string, code: string) {
  // The rule alone, without type information (the probe files do not exist on disk).
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { orderly: boundaries },
        rules: { 'orderly/module-boundaries': 'error' },
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'orderly/module-boundaries');
}

describe('orderly/module-boundaries', () => {
  it('rejects importing another module’s inner file', async () => {
    const m = await lint(
      'src/modules/identity/x.ts',
      "import { a } from '../catalogue/catalogue.service.js';\nexport const b = a;\n",
    );
    expect(m).toHaveLength(1);
  });
  it('rejects importing kernel internals from a module', async () => {
    const m = await lint(
      'src/modules/identity/x.ts',
      "import { openDb } from '../../kernel/db/database.js';\nexport const b = openDb;\n",
    );
    expect(m).toHaveLength(1);
  });
  it('allows the kernel’s pure door and no other module’s', async () => {
    const ok = await lint(
      'src/modules/evidence/x.ts',
      "import { canonicalJson } from '../../kernel/pure.js';\nexport const b = canonicalJson;\n",
    );
    expect(ok).toHaveLength(0);
    const bad = await lint(
      'src/modules/evidence/x.ts',
      "import { p } from '../catalogue/pure.js';\nexport const b = p;\n",
    );
    expect(bad).toHaveLength(1);
  });
  it('allows index imports and imports inside the same module', async () => {
    const m = await lint(
      'src/modules/identity/domain/x.ts',
      "import { newId } from '../../../kernel/index.js';\nimport { hashPassword } from '../domain/password.js';\nimport { c } from '../../catalogue/index.js';\nexport const b = [newId, hashPassword, c];\n",
    );
    expect(m).toHaveLength(0);
  });
});
