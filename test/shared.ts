/**
 * Locates the read-only reference folder `../shared` (beside the repository). Tests that need it
 * skip when it is absent, except under CI=true, where its absence is a failure.
 */

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is in `test/`). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `../shared` relative to the repository root, or null when it is not there. */
export function sharedDir(): string | null {
  const dir = resolve(repoRoot, '..', 'shared');
  return existsSync(dir) ? dir : null;
}

/**
 * `../shared`, or null when absent outside CI (callers then skip); throws under CI=true.
 * Use as `const shared = requireShared(); describe.skipIf(!shared)(...)`.
 */
export function requireShared(): string | null {
  const dir = sharedDir();
  if (!dir && process.env.CI === 'true') {
    throw new Error(`../shared is missing beside ${repoRoot}; CI needs it`);
  }
  return dir;
}
