// Bundles the CLI's start-up path (dist/cli/main.js, the command definitions and commander)
// into one file, dist/cli/main.bundle.js, which bin/paycard.js loads: one module instead of
// about twenty, so `paycard --version` starts near `node -e 0` (docs/benchmarks.md).
// Everything else (the core, the work behind each command) stays an external module, so
// there is one copy of each class (`instanceof PaycardError` holds across the boundary).
import { build } from 'esbuild';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = resolve(root, 'dist/cli');

/** Inlined: the entry, the command definitions (commands/x.js, not x-run.js), commander. */
function inlined(path) {
  if (path === resolve(cli, 'main.js')) return true;
  const inCommands = dirname(path) === resolve(cli, 'commands');
  return inCommands && !path.endsWith('-run.js');
}

const keepOthersExternal = {
  name: 'keep-others-external',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (!path.startsWith(resolve(root, 'dist')) || inlined(path)) return undefined;
      let rel = relative(cli, path);
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
  },
};

await build({
  entryPoints: [resolve(cli, 'main.js')],
  outfile: resolve(cli, 'main.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [keepOthersExternal],
  // commander is CommonJS; its require() of Node built-ins needs a require in an ES module.
  banner: {
    js: "import { createRequire as createRequireForCommander } from 'node:module';\nconst require = createRequireForCommander(import.meta.url);",
  },
  logLevel: 'warning',
});
