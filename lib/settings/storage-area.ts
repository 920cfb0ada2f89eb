/**
 * The part of the extension storage API (`storage.*`) that lib/ code needs, so stores can be written and unit-tested
 * without the browser (entrypoints pass the `storage.local` / `storage.session` areas).
 */
export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
