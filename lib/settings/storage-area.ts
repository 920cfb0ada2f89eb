/**
 * The part of `browser.storage.*` that lib/ code needs, so stores can be written and unit-tested
 * without the browser (entrypoints pass `browser.storage.local` / `browser.storage.session`).
 */
export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
