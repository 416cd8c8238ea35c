/// <reference lib="dom" />
/**
 * The offline page (`paycard web`): paste hex to see it as a named, decoded TLV tree, or drop a
 * transcript to watch paycard read it step by step. Everything runs here; the page makes no
 * network request (its Content-Security-Policy forbids them) and stores nothing.
 */

import { fromHex } from '../bytes/hex.js';
import { PaycardError } from '../errors.js';
import type { ReadResult } from '../read/result.js';
import { buildTlvTree } from '../render/tlv-tree.js';
import { el, treeElement } from './dom.js';
import { readTranscript, viewOf } from './steps.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const hexInput = $<HTMLTextAreaElement>('hex');
const treeBox = $<HTMLDivElement>('tree');
const reveal = $<HTMLInputElement>('reveal');
const fileInput = $<HTMLInputElement>('file');
const dropZone = $<HTMLDivElement>('drop');
const readBox = $<HTMLDivElement>('read');

let lastRead: { name: string; result: ReadResult } | undefined;

function message(e: unknown): string {
  if (e instanceof PaycardError) return `${e.message} [${e.code}]`;
  return e instanceof Error ? e.message : String(e);
}

function showTree(): void {
  const text = hexInput.value.trim();
  if (!text) {
    treeBox.replaceChildren();
    return;
  }

  try {
    const bytes = fromHex(text);
    treeBox.replaceChildren(treeElement(buildTlvTree(bytes, { reveal: reveal.checked })));
  } catch (e) {
    treeBox.replaceChildren(el('p', 'error', message(e)));
  }
}

function showRead(): void {
  if (!lastRead) return;
  const view = viewOf(lastRead.result, reveal.checked);

  const fields = el('dl', 'fields');
  for (const [label, value] of view.fields) fields.append(el('dt', '', label), el('dd', '', value));

  const steps = el('ol', 'steps');
  for (const s of view.steps) {
    const head = el(
      'div',
      'step-head',
      el('span', 'step-title', s.title),
      el('span', s.success ? 'sw ok' : 'sw refused', `${s.sw} ${s.meaning}`),
    );
    const body = el(
      'details',
      'step-body',
      el('summary', '', 'command and data'),
      el('code', 'apdu', s.command),
    );
    body.open = s.data.elements.length > 0;
    body.append(treeElement(s.data));
    steps.append(el('li', 'step', head, body));
  }

  const warnings = el('ul', 'warnings');
  for (const w of view.result.warnings) warnings.append(el('li', '', `${w.message} [${w.code}]`));

  readBox.replaceChildren(
    el('h3', '', `${lastRead.name}: ${view.steps.length} commands`),
    fields,
    ...(view.result.warnings.length ? [warnings] : []),
    steps,
  );
}

async function openFile(file: File | undefined): Promise<void> {
  if (!file) return;
  readBox.replaceChildren(el('p', 'busy', `reading ${file.name}...`));

  try {
    const view = await readTranscript(await file.text(), reveal.checked);
    lastRead = { name: file.name, result: view.result };
    showRead();
  } catch (e) {
    lastRead = undefined;
    readBox.replaceChildren(el('p', 'error', `${file.name}: ${message(e)}`));
  }
}

hexInput.addEventListener('input', showTree);
$<HTMLButtonElement>('decode').addEventListener('click', showTree);
reveal.addEventListener('change', () => {
  showTree();
  showRead();
});
fileInput.addEventListener('change', () => void openFile(fileInput.files?.[0]));

dropZone.addEventListener('dragover', (e) => {
  e.preventDefault();
  dropZone.classList.add('over');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
dropZone.addEventListener('drop', (e) => {
  e.preventDefault();
  dropZone.classList.remove('over');
  void openFile(e.dataTransfer?.files[0]);
});

document.body.classList.add('ready');
