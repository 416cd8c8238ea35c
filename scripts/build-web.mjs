#!/usr/bin/env node
/**
 * Browser builds of paycard (run by `npm run build` after tsc):
 *
 *   dist/browser/paycard.js, adapters.js  the core and the bridge adapters as ES modules for
 *                                         browsers and app webviews (shared code in chunk-*.js);
 *   dist/browser/web/                     the offline page served by `paycard web`.
 *
 * platform "browser", format "esm", no polyfills: the build fails when any Node built-in module
 * is imported (`fs`, `node:crypto`, ...) or when the output uses Node globals (Buffer, process).
 * Usage: `node scripts/build-web.mjs`; `buildWeb()` and `nodeBuiltinGuard` are exported for tests.
 */

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Node globals that exist in no browser; their use in the output fails the build. */
const NODE_GLOBALS = new RegExp(
  [
    String.raw`\bBuffer\.(?:from|alloc|concat|isBuffer)`,
    String.raw`\bnew Buffer\(`,
    String.raw`\bprocess\.(?:env|argv|stdout|stderr|exit|platform|versions?|nextTick|cwd)\b`,
    String.raw`\brequire\(`,
  ].join('|'),
);

/** esbuild plugin: any import of a Node built-in is an error naming the importer. */
export const nodeBuiltinGuard = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path;
      if (!name.startsWith('node:') && !BUILTINS.has(name.split('/')[0])) return undefined;
      return {
        errors: [
          {
            text:
              `Node built-in "${name}" imported by ${relative(root, args.importer)}: ` +
              'the browser build takes no Node modules and no polyfills',
          },
        ],
      };
    });
  },
};

const common = {
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: ['es2022'],
  legalComments: 'none',
  logLevel: 'silent',
  metafile: true,
  plugins: [nodeBuiltinGuard],
};

function checkOutputs(result) {
  for (const file of Object.keys(result.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const m = NODE_GLOBALS.exec(text);
    if (m) throw new Error(`${file} uses the Node global "${m[0]}": the browser build must not`);
  }
}

/** Builds both bundles and the page into `outDir` (default dist/browser). Returns output paths. */
export async function buildWeb(outDir = join(root, 'dist', 'browser')) {
  rmSync(outDir, { recursive: true, force: true });

  const core = await build({
    ...common,
    entryPoints: {
      paycard: join(root, 'src', 'index.ts'),
      adapters: join(root, 'src', 'adapters', 'index.ts'),
    },
    splitting: true,
    outdir: outDir,
    absWorkingDir: root,
  });
  checkOutputs(core);

  const web = join(outDir, 'web');
  const page = await build({
    ...common,
    entryPoints: { app: join(root, 'src', 'web', 'main.ts') },
    outdir: web,
    minify: true,
    absWorkingDir: root,
  });
  checkOutputs(page);

  mkdirSync(web, { recursive: true });
  for (const file of ['index.html', 'style.css'])
    copyFileSync(join(root, 'src', 'web', file), join(web, file));

  return [...Object.keys(core.metafile.outputs), ...Object.keys(page.metafile.outputs)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const outputs = await buildWeb();
    process.stdout.write(`build-web: ${outputs.length} files in dist/browser\n`);
  } catch (e) {
    const errors = e.errors?.map((x) => x.text).join('\n') ?? e.message;
    process.stderr.write(`build-web: ${errors}\n`);
    process.exitCode = 1;
  }
}
