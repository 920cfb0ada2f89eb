/**
 * Reading the extension's database straight from an extension context (service worker or page), as
 * the tests' independent witness of what was stored. It never creates the database: an open that
 * would upgrade is aborted, so a test that looks before the extension wrote anything sees nothing
 * rather than leaving an empty database behind.
 */
import type { Page, Worker } from '@playwright/test';

export function storedRows<T>(target: Page | Worker, store: 'drafts' | 'attachments' | 'settings' | 'escalations'): Promise<T[]> {
  return (target as Worker).evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('helpdesk-assistant');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            // Blobs cannot cross evaluate(): keep the row's other fields.
            resolve((request.result as Array<Record<string, unknown>>).map(({ blob: _blob, ...rest }) => rest) as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
