import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../../../lib/db';
import { freshDb } from './helpers';

const RetentionSchema = z.number().int().min(1).max(365);

describe('settings', () => {
  it('round-trips a value through its schema; unset reads as undefined', async () => {
    const db = freshDb();
    expect(await getSetting(db, 'retentionDays', RetentionSchema)).toEqual({ ok: true, value: undefined });
    expect(await setSetting(db, 'retentionDays', RetentionSchema, 45)).toEqual({ ok: true });
    expect(await getSetting(db, 'retentionDays', RetentionSchema)).toEqual({ ok: true, value: 45 });
  });

  it('refuses an invalid value on write and reports a damaged one on read', async () => {
    const db = freshDb();
    const bad = await setSetting(db, 'retentionDays', RetentionSchema, 0);
    expect(!bad.ok && bad.error.code).toBe('invalid');
    await db.settings.put({ key: 'retentionDays', value: 'thirty' });
    const read = await getSetting(db, 'retentionDays', RetentionSchema);
    expect(!read.ok && read.error.code).toBe('invalid');
  });
});
