/** The zod-free part of the registry that the portal content script loads (README bench row 4). */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContentCommand } from '../../../lib/messaging/protocol';
import { ContentCommandSchema } from '../../../lib/messaging/registry';

const root = path.resolve(__dirname, '../../..');

describe('parseContentCommand', () => {
  const cases: unknown[] = [
    { type: 'toggle-sidebar' },
    { type: 'set-sidebar', open: true },
    { type: 'set-sidebar', open: false },
    { type: 'dock-sidebar', side: 'left' },
    { type: 'dock-sidebar', side: 'other' },
    { type: 'get-context' },
    { type: 'set-sidebar', open: 'yes' },
    { type: 'set-sidebar' },
    { type: 'dock-sidebar', side: 'top' },
    { type: 'page-context' },
    { type: 'constructor' },
    { open: true },
    'toggle-sidebar',
    null,
    42,
  ];
  it.each(cases)('agrees with the zod schema on %j', (raw) => {
    const zod = ContentCommandSchema.safeParse(raw);
    expect(parseContentCommand(raw)).toEqual(zod.success ? zod.data : null);
  });

  it('keeps only the known fields', () => {
    expect(parseContentCommand({ type: 'set-sidebar', open: true, html: '<img>' })).toEqual({ type: 'set-sidebar', open: true });
  });
});

describe('the content script and the registry', () => {
  it('imports only the zod-free protocol from lib/messaging (types aside)', () => {
    const dir = path.join(root, 'entrypoints/portal');
    const offenders = readdirSync(dir).flatMap((name) => {
      const code = readFileSync(path.join(dir, name), 'utf8');
      return [...code.matchAll(/^import\s+(type\s+)?[^;]*from\s+['"]([^'"]*lib\/messaging\/[^'"]*)['"]/gm)]
        .filter(([, typeOnly, from]) => !typeOnly && !from!.endsWith('/protocol'))
        .map(([line]) => `${name}: ${line}`);
    });
    expect(offenders).toEqual([]);
  });
});
