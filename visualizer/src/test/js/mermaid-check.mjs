// Parses Mermaid files with the real Mermaid parser (mermaid.parse under jsdom).
// Usage: node mermaid-check.mjs FILE...  -> one line per file: "ok FILE" or "FAIL FILE: message"; exit 1 if any failed.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true });
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of process.argv.slice(2)) {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.md')) {
    const m = text.match(/```mermaid\n([\s\S]*?)```/);
    text = m ? m[1] : '';
  }
  try {
    const result = await mermaid.parse(text);
    if (!result || result.diagramType !== 'flowchart-v2') throw new Error('not a flowchart: ' + (result && result.diagramType));
    console.log('ok ' + file);
  } catch (e) {
    failed++;
    console.log('FAIL ' + file + ': ' + String(e.message || e).split('\n').slice(0, 4).join(' | '));
  }
}
process.exit(failed ? 1 : 0);
