// A local ESLint rule for ARCHITECTURE.md rule 1: code outside a module (or outside the kernel) may import
// that module only through its index.ts. It resolves each relative import against the importing file, so
// imports inside a module (./x.js, ../domain/y.js) are free and cross-module shortcuts are errors. The kernel has
// a second door, pure.ts: its import-free parts, for worker threads (docs/adr/0007-kernel-pure-door.md).
import path from 'node:path';

const srcRoot = path.resolve(import.meta.dirname, '..', 'src');

/** Returns the unit ('kernel' or 'modules/<name>') a file under src/ belongs to, or null. */
function unitOf(file) {
  const rel = path.relative(srcRoot, file).split(path.sep);
  if (rel[0] === 'kernel') return { name: 'kernel', dir: path.join(srcRoot, 'kernel') };
  if (rel[0] === 'modules' && rel.length > 2) {
    return { name: `modules/${rel[1]}`, dir: path.join(srcRoot, 'modules', rel[1]) };
  }
  return null;
}

export default {
  rules: {
    'module-boundaries': {
      meta: {
        type: 'problem',
        schema: [],
        messages: { inner: "Import '{{unit}}' only through its index.ts (ARCHITECTURE.md rule 1)." },
      },
      create(context) {
        const file = context.filename;
        const from = unitOf(file);
        function check(node, source) {
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const target = path.resolve(path.dirname(file), source.value);
          const to = unitOf(target + '.ts');
          if (!to || (from && from.name === to.name)) return;
          const base = path.relative(to.dir, target).replace(/\.(js|ts)$/, '');
          const door = base === 'index' || (to.name === 'kernel' && base === 'pure');
          if (!door) context.report({ node: source, messageId: 'inner', data: { unit: to.name } });
        }
        return {
          ImportDeclaration: (n) => check(n, n.source),
          ExportNamedDeclaration: (n) => check(n, n.source),
          ExportAllDeclaration: (n) => check(n, n.source),
          ImportExpression: (n) => check(n, n.source),
        };
      },
    },
  },
};
