/**
 * What the Options page's vendor-profile, checklist and "set by your administrator" sections need from
 * the platform. Separate from {@link OptionsApi} so each section's fake stays small; the entry point
 * implements it over `browser.storage.local` / `.managed` (lib/settings/custom-data.ts, managed.ts).
 */
import type { Checklist } from '../../lib/escalation/checklist';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import type { ChecklistRead, VendorsRead, WriteResult } from '../../lib/settings/custom-data';
import type { ManagedRead } from '../../lib/settings/managed';
import type { StorageKey } from '../../lib/settings/keys';
import type { UnreadableEntry } from '../../lib/settings/registry';

/** See the module comment. */
export interface CustomDataApi {
  /** The agent's own vendor profiles (validated; damaged entries dropped and listed). */
  loadCustomVendors(): Promise<VendorsRead>;
  /** Stores the agent's own vendor profiles (validated again; refused whole on a problem). */
  saveCustomVendors(vendors: readonly VendorProfile[]): Promise<WriteResult>;
  /** The imported checklist, or null for the shipped default. */
  loadChecklist(): Promise<ChecklistRead>;
  /** Stores a checklist; null goes back to the shipped default. */
  saveChecklist(checklist: Checklist | null): Promise<WriteResult>;
  /** What the administrator sets by policy (nothing when there is no policy). */
  loadManaged(): Promise<ManagedRead>;
  /** Stored values that no longer read and were kept aside (lib/settings/registry.ts); none when absent. */
  loadUnreadable?(): Promise<UnreadableEntry[]>;
  /** Deletes what was kept aside for `key` (the agent's choice). */
  discardUnreadable?(key: StorageKey): Promise<void>;
  /** Calls `listener` when any of the above changes elsewhere (another tab, a policy update). */
  watch(listener: () => void): () => void;
}
