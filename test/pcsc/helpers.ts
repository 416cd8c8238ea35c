/**
 * Shared pieces of the PC/SC tests: public transcripts served as virtual cards through vpcd,
 * and waiting for pcscd to see the reader empty before the next card goes in.
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listReaders } from '../../src/node/pcsc.js';
import {
  connectVirtualCard,
  type VirtualCard,
  type VirtualCardOptions,
} from '../../src/node/vpcd.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { parseTranscript, type TranscriptEntry } from '../../src/transcript/parse.js';
import { repoRoot, requireShared } from '../shared.js';

/** The reader of vpcd's first slot (TCP 35963). */
export const READER = 'Virtual PCD 00 00';

const shared = requireShared();
if (!shared) throw new Error('the PC/SC tests read ../shared/fixtures; it is missing');
export const sharedDir: string = shared;

export interface Expected {
  ok?: boolean;
  pan?: string;
  expiry?: string;
  aid?: string;
  brand?: string;
  name?: string;
}

export const expected: Record<string, Expected> = JSON.parse(
  readFileSync(join(sharedDir, 'fixtures', 'expected.json'), 'utf8'),
);

export function transcriptPath(file: string): string {
  return join(sharedDir, 'fixtures', 'transcripts', file);
}

export function entriesOf(file: string): TranscriptEntry[] {
  return parseTranscript(readFileSync(transcriptPath(file), 'utf8'));
}

/** Waits until pcscd reports no card in `READER` (a card just removed lingers about 0.3 s). */
export function readerEmpty(limitMs = 5000): Promise<void> {
  return readerHolds(false, limitMs);
}

/** Waits until pcscd reports `READER` holding a card (or not). */
export async function readerHolds(card: boolean, limitMs = 5000): Promise<void> {
  const end = Date.now() + limitMs;
  for (;;) {
    const reader = (await listReaders()).find((r) => r.name === READER);
    if (reader && reader.cardPresent === card) return;
    if (Date.now() > end)
      throw new Error(`${READER}: cardPresent is not ${card} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Inserts a virtual card replaying `file` "as a card", once the reader is empty. */
export async function insertTranscript(
  file: string,
  options: Partial<VirtualCardOptions> = {},
): Promise<VirtualCard> {
  await readerEmpty();
  const entries = entriesOf(file);
  return connectVirtualCard({ newCard: () => createTranscriptCard(entries), ...options });
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`bin/paycard.js`, from `npm run build`). `whileRunning` gets the child to
 * drive it (insert cards, send SIGINT); the result comes when the process exits.
 */
export function runCli(
  args: string[],
  whileRunning?: (
    child: ReturnType<typeof spawn>,
    output: { stdout: string; stderr: string },
  ) => Promise<void>,
): Promise<Run> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'paycard.js'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  const driving = (whileRunning ? whileRunning(child, output) : Promise.resolve()).catch((e) => {
    child.kill('SIGKILL');
    throw e;
  });
  return Promise.all([exited, driving]).then(([status]) => ({ status, ...output }));
}

/** Resolves when `predicate` holds on the output, polling every 20 ms. */
export async function until(predicate: () => boolean, limitMs = 10000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting for the CLI');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
