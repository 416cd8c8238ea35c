/// <reference lib="dom" />
/**
 * Small DOM builders for the offline page: elements with text only (never HTML strings, so a
 * transcript's content cannot inject markup), and a TLV tree as indented, classed lines.
 */

import { renderTlvLines, type TlvTree } from '../render/tlv-tree.js';

/** An element with a class and text children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** A TLV tree as lines: one `div.line` per line, indented by depth, segments as classed spans. */
export function treeElement(tree: TlvTree): HTMLElement {
  const box = el('div', 'tree');
  for (const line of renderTlvLines(tree)) {
    const row = el('div', 'line');
    row.style.setProperty('--depth', String(line.depth));
    for (const s of line.segments) row.append(el('span', `seg-${s.kind}`, s.text));
    box.append(row);
  }
  if (box.childElementCount === 0) box.append(el('div', 'line seg-plain', '(no data)'));
  return box;
}
