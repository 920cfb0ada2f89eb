/**
 * The drafts database (DESIGN §3 `lib/db`): Dexie schema and versions, repositories, backup/restore.
 * Import it only from extension pages and the background — never from a content script.
 */
export {
  DB_NAME,
  HelpdeskDb,
  LATEST_VERSION,
  SCHEMA_VERSIONS,
  openDb,
  openDbAtVersion,
  type AttachmentRow,
  type DbDeps,
  type DraftRow,
  type SchemaVersion,
  type SettingRow,
} from './database';
export {
  BUILT_IN_VENDORS_ONLY,
  storedVendorSource,
  vendorSecretTest,
  type SecretFieldPolicy,
  type SecretTest,
  type VendorSource,
  type VendorStorage,
} from './secret-policy';
export { openExtensionDb } from './extension-db';
export type { TooLargeError } from './draft-rows';
export {
  createDraft,
  deleteDraft,
  findOpenDraftForIccid,
  getDraft,
  listDrafts,
  purgeExpired,
  saveDraft,
  searchDrafts,
  type DraftFilters,
  type DraftInit,
  type DraftList,
  type PurgeOptions,
  type SaveError,
  type SaveOptions,
  type WriteOptions,
  type Written,
} from './drafts-repo';
export {
  AttachmentMetaSchema,
  AttachmentSchema,
  addAttachment,
  listAttachments,
  removeAttachment,
  type Attachment,
  type AttachmentInit,
  type AttachmentMeta,
} from './attachments-repo';
export { getSetting, setSetting } from './settings-repo';
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupAttachmentSchema,
  exportBackup,
  importBackup,
  type BackupAttachment,
  type BackupFile,
  type ExportOptions,
  type ImportOptions,
  type ImportResult,
} from './backup';
export { MigrationFixtureSchema, writeMigrationFixture, type MigrationFixture } from './migrations';
export { draftTerms, normaliseText, tokenise } from './search-terms';
export {
  toDbError,
  type DbError,
  type DbResult,
  type InvalidError,
  type InvalidRow,
  type Issue,
} from './result';
