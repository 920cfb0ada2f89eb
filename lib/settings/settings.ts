/**
 * Extension-wide preferences kept in `storage.local` (extension storage: not readable by pages, not
 * cleared with browsing data). Behaviour that differs per customer — portals, catalog, vendors,
 * checklist — is data; these are the switches around it. Everything read back is parsed with zod;
 * a damaged value falls back to the default rather than breaking a surface.
 */
import { z } from 'zod';
import type { StorageAreaLike } from './storage-area';

/** Loopback is where the demo portal runs; enabled by default, can be turned off (issue 2). */
export const LOOPBACK_PATTERNS = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

export const SettingsSchema = z.object({
  loopbackEnabled: z.boolean().default(true),
  defaultVendorId: z.string().min(1).max(64).default('esim-go'),
  /** Drafts expire this many days after hand-over (issue 6: default 30). */
  retentionDays: z.number().int().min(1).max(3650).default(30),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SETTINGS_KEY = 'settings';
/** Keys the content script reads directly (it never loads zod: these were validated on write). */
export const USER_PORTALS_KEY = 'userPortals';
export const CATALOG_KEY = 'catalog';

export async function readSettings(area: StorageAreaLike): Promise<Settings> {
  const raw = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  const parsed = SettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : SettingsSchema.parse({});
}

export async function writeSettings(area: StorageAreaLike, patch: Partial<Settings>): Promise<Settings> {
  const next = SettingsSchema.parse({ ...(await readSettings(area)), ...patch });
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
