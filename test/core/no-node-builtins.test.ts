/**
 * The core (src/** except src/cli/ and src/node/) runs in browsers and React Native: it must not
 * import a Node built-in module nor use `Buffer` or `process`.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared.js';

const BUILTINS = [
  'fs',
  'path',
  'crypto',
  'buffer',
  'util',
  'os',
  'stream',
  'events',
  'child_process',
  'net',
  'tls',
  'http',
  'https',
  'url',
  'process',
  'worker_threads',
  'zlib',
  'assert',
  'module',
  'readline',
  'timers',
];

function coreFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(join(repoRoot, 'src'), path).split('\\').join('/');
    if (entry.isDirectory()) {
      if (rel === 'cli' || rel === 'node') continue;
      coreFiles(path, out);
    } else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Module specifiers of static imports/exports, dynamic imports and require calls. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]);
  return found;
}

/** Why a file breaks the rule, or nothing. */
function violations(source: string): string[] {
  const out: string[] = [];
  for (const spec of specifiers(source)) {
    const bare = spec.split('/')[0];
    if (spec.startsWith('node:') || BUILTINS.includes(bare)) out.push(`imports ${spec}`);
  }
  if (/\bBuffer\b/.test(source)) out.push('mentions Buffer');
  if (/\bprocess\s*\./.test(source)) out.push('mentions process.');
  return out;
}

describe('core has no Node built-ins', () => {
  const files = coreFiles(join(repoRoot, 'src'));

  it('finds the core files', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(join('tlv', 'tlv.ts')))).toBe(true);
    expect(files.some((f) => f.includes(`${join('src', 'cli')}`))).toBe(false);
    expect(files.some((f) => f.includes(`${join('src', 'node')}`))).toBe(false);
  });

  it('no core file imports a Node module or uses Buffer/process', () => {
    const bad = files
      .map((f) => ({ file: relative(repoRoot, f), why: violations(readFileSync(f, 'utf8')) }))
      .filter((v) => v.why.length > 0);
    expect(bad).toEqual([]);
  });

  it('the checker itself catches each kind of violation', () => {
    expect(violations(`import { readFile } from 'node:fs/promises';`)).toEqual([
      'imports node:fs/promises',
    ]);
    expect(violations(`import crypto from 'crypto';`)).toEqual(['imports crypto']);
    expect(violations(`export * from "path";`)).toEqual(['imports path']);
    expect(violations(`import 'events';`)).toEqual(['imports events']);
    expect(violations(`const m = await import('child_process');`)).toEqual([
      'imports child_process',
    ]);
    expect(violations(`const os = require('os');`)).toEqual(['imports os']);
    expect(violations(`import {\n  x,\n} from 'util';`)).toEqual(['imports util']);
    expect(violations(`const b = Buffer.from([1]);`)).toEqual(['mentions Buffer']);
    expect(violations(`if (process.env.X) {}`)).toEqual(['mentions process.']);
    expect(violations(`import { toHex } from '../bytes/hex.js';\nconst urlish = 'https';`)).toEqual(
      [],
    );
  });
});
