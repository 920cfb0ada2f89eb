/**
 * Options → Escalation and data (issue 6): the default vendor, how long drafts are kept after hand-over
 * (default 30 days), and backup/restore of the drafts (all-or-nothing, every error shown with its path).
 */
import { useEffect, useId, useState } from 'react';
import { z } from 'zod';
import type { VendorProfile } from '../../lib/escalation';
import type { Settings } from '../../lib/settings/settings';
import { useI18n } from '../i18n';
import { VendorSelect } from '../vendor-select';
import type { OptionsApi } from './options-api';
import { buttonClass, ErrorList, FilePicker, inputClass, Notice, Section } from './ui';

/** Just enough of a backup file to count its drafts for the confirmation (importBackup validates it all). */
const BackupShape = z.object({ drafts: z.array(z.unknown()) });

export function GeneralSection({ api, vendors }: { api: OptionsApi; vendors: readonly VendorProfile[] }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | null>(null);
  // Policy wins: a default vendor set by the administrator is shown read-only.
  const [vendorManaged, setVendorManaged] = useState(false);
  const [retention, setRetention] = useState('');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  // Issue 17: each message next to the setting it concerns — the retention's under its field, the
  // backup's in the backup box — so a retention error never sits beside a green "Restored".
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [retentionError, setRetentionError] = useState<string | null>(null);
  const [settingsNotice, setSettingsNotice] = useState<string | null>(null);
  // A Replace waiting for the agent's confirmation (it deletes the drafts stored here).
  const [confirming, setConfirming] = useState<{ text: string; name: string; stored: number; open: number; inFile: number } | null>(null);
  const vendorId = useId();
  const retentionId = useId();
  const retentionHelp = useId();
  const retentionErrorId = useId();
  const confirmId = useId();

  useEffect(() => {
    void api.loadSettings().then((s) => {
      setSettings(s);
      setRetention(String(s.retentionDays));
    });
    void api.managedSettings?.().then((keys) => setVendorManaged(keys.includes('defaultVendorId')));
  }, [api]);

  async function save(patch: Partial<Settings>) {
    setSettings(await api.saveSettings(patch));
    setSettingsNotice(t('opSaved'));
  }

  function onRetention() {
    const days = Number(retention);
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      setRetentionError(t('opRetentionInvalid'));
      setSettingsNotice(null);
      return;
    }
    setRetentionError(null);
    void save({ retentionDays: days });
  }

  async function onExport() {
    const result = await api.exportBackup();
    if (!result.ok) return setErrors([result.message]);
    api.download(
      `helpdesk-drafts-${new Date().toISOString().slice(0, 10)}.json`,
      result.json,
      'application/json',
    );
    setNotice(t('opBackupExported', [String(result.drafts)]));
  }

  async function onRestore(text: string, name: string) {
    setNotice(null);
    setConfirming(null);
    if (mode === 'replace' && api.storedDrafts) {
      // Issue 17: Replace deletes what is stored here — say what, and wait for the agent's yes.
      const stored = await api.storedDrafts();
      if (stored.total > 0) {
        const counted = BackupShape.safeParse((() => { try { return JSON.parse(text); } catch { return null; } })());
        setConfirming({ text, name, stored: stored.total, open: stored.open, inFile: counted.success ? counted.data.drafts.length : 0 });
        return;
      }
    }
    await restore(text, mode, 0);
  }

  async function restore(text: string, how: 'merge' | 'replace', replaced: number) {
    setConfirming(null);
    const result = await api.importBackup(text, how);
    if (!result.ok) {
      setErrors(result.errors.map((e) => `${e.path || t('opWholeFile')}: ${e.message}`));
      return;
    }
    setErrors([]);
    // What Replace did is not what Merge does: no draft was "kept because yours were newer".
    const restored =
      how === 'replace'
        ? t('flowRestoreReplaced', [String(replaced), String(result.imported)])
        : t('opBackupRestored', [String(result.imported), String(result.skipped)]);
    const dropped = result.secretsDropped ? ` ${t('opBackupSecretsDropped', String(result.secretsDropped))}` : '';
    setNotice(restored + dropped);
  }

  if (settings === null) return null;
  return (
    <Section title={t('opGeneralTitle')}>
      <div className="flex flex-wrap items-end gap-6">
        <div className="flex flex-col">
          <label htmlFor={vendorId} className="text-sm font-medium">
            {t('opDefaultVendor')}
          </label>
          <VendorSelect
            id={vendorId}
            className={inputClass}
            vendors={vendors}
            value={settings.defaultVendorId}
            disabled={vendorManaged}
            onChange={(defaultVendorId) => void save({ defaultVendorId })}
          />
          {vendorManaged && <span className="text-xs text-slate-600 dark:text-slate-400">{t('cdSourceManaged')}</span>}
        </div>
        <div className="flex flex-col">
          <label htmlFor={retentionId} className="text-sm font-medium">
            {t('opRetention')}
          </label>
          <span className="flex gap-2">
            <input
              id={retentionId}
              type="number"
              min={1}
              max={3650}
              className={`${inputClass} w-24`}
              value={retention}
              aria-describedby={retentionError ? `${retentionHelp} ${retentionErrorId}` : retentionHelp}
              aria-invalid={retentionError !== null || undefined}
              onChange={(e) => setRetention(e.currentTarget.value)}
            />
            <button type="button" className={buttonClass} onClick={onRetention}>
              {t('opSave')}
            </button>
          </span>
          <span id={retentionHelp} className="text-xs text-slate-600 dark:text-slate-400">
            {t('opRetentionHelp')}
          </span>
          {retentionError && (
            <p id={retentionErrorId} role="alert" className="text-sm text-red-800 dark:text-red-300">
              {retentionError}
            </p>
          )}
        </div>
      </div>
      <Notice text={settingsNotice} />

      <h3 className="mt-6 mb-2 font-semibold">{t('opBackupTitle')}</h3>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass} onClick={() => void onExport()}>
          {t('opBackupExport')}
        </button>
        <fieldset className="flex gap-3 text-sm">
          <legend className="sr-only">{t('opRestoreMode')}</legend>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="restore-mode"
              checked={mode === 'merge'}
              onChange={() => setMode('merge')}
            />
            {t('opRestoreMerge')}
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="restore-mode"
              checked={mode === 'replace'}
              onChange={() => setMode('replace')}
            />
            {t('opRestoreReplace')}
          </label>
        </fieldset>
        <FilePicker
          label={t('opBackupRestore')}
          accept=".json,application/json"
          onText={(text, name) => void onRestore(text, name)}
        />
      </div>
      {confirming && (
        <div
          role="alertdialog"
          aria-labelledby={`${confirmId}-t`}
          aria-describedby={`${confirmId}-d`}
          className="mt-3 space-y-2 rounded border border-amber-500 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          <p id={`${confirmId}-t`} className="font-semibold">
            {t('flowReplaceTitle')}
          </p>
          <p id={`${confirmId}-d`}>
            {t('flowReplaceBody', [String(confirming.stored), String(confirming.open), confirming.name, String(confirming.inFile)])}
          </p>
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonClass}
              onClick={() => void restore(confirming.text, 'replace', confirming.stored)}
            >
              {t('flowReplaceConfirm', String(confirming.stored))}
            </button>
            <button type="button" className={buttonClass} autoFocus onClick={() => setConfirming(null)}>
              {t('flowReplaceCancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorList title={t('opBackupErrors')} errors={errors} />
      <Notice text={notice} />
    </Section>
  );
}
