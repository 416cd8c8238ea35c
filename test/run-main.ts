/**
 * Runs the CLI entry point in this process (no child, no build needed) with stdout and stderr
 * captured: for tests that call `paycard` many times.
 */

import { vi } from 'vitest';
import { main } from '../src/cli/main.js';

export interface MainRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runMain(args: string[]): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const o = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const status = await main(['node', 'paycard', ...args]);
    return { status, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
