// @vitest-environment node
import { it } from 'vitest';
import { JSDOM } from 'jsdom';
it('dbg', () => {
  const rows: string[] = [];
  for (let i = 0; i < 10000; i++) rows.push(`<tr><td>8944</td><td>7</td></tr>`);
  const doc = new JSDOM(`<table><thead><tr><th>ICCID</th></tr></thead><tbody>${rows.join('')}</tbody></table>`).window.document;
  const table = doc.querySelector('table')!;
  let t = performance.now();
  const r = table.rows; let c = 0;
  for (let i = 0; i < 2000; i++) c += r[i] ? 1 : 0;
  console.log('rows[i] x2000', performance.now() - t);
  t = performance.now();
  const arr = Array.from(r);
  console.log('Array.from', arr.length, performance.now() - t);
  t = performance.now();
  for (const row of arr.slice(0, 2000)) { const cells = row.cells; c += cells.length; }
  console.log('cells x2000', performance.now() - t);
  t = performance.now();
  for (let i = 0; i < 2000; i++) { c += r[i]!.cells.length; }
  console.log('interleaved x2000', performance.now() - t);
});
