/**
 * Options → Escalation and data (issue 6): the default vendor, how long drafts are kept after hand-over
 * (default 30 days), and backup/restore of the drafts (all-or-nothing, every error shown with its path).
 */
import { useEffect, useId, useState } from 'react';
import type { VendorProfile } from '../../lib/escalation';
import type { Settings } from '../../lib/settings/settings';
import { useI18n } from '../i18n';
import { VendorSelect } from '../vendor-select';
import type { OptionsApi } from './options-api';
import { buttonClass, ErrorList, FilePicker, inputClass, Notice, Section } from './ui';

export function GeneralSection({ api, vendors }: { api: OptionsApi; vendors: readonly VendorProfile[] }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings | null>(null);
  // Policy wins: a default vendor set by the administrator is shown read-only.
  const [vendorManaged, setVendorManaged] = useState(false);
  const [retention, setRetention] = useState('');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const vendorId = useId();
  const retentionId = useId();
  const retentionHelp = useId();

  useEffect(() => {
    void api.loadSettings().then((s) => {
      setSettings(s);
      setRetention(String(s.retentionDays));
    });
    void api.managedSettings?.().then((keys) => setVendorManaged(keys.includes('defaultVendorId')));
  }, [api]);

  async function save(patch: Partial<Settings>) {
    setSettings(await api.saveSettings(patch));
    setNotice(t('opSaved'));
  }

  function onRetention() {
    const days = Number(retention);
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      setErrors([t('opRetentionInvalid')]);
      return;
    }
    setErrors([]);
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

  async function onRestore(text: string) {
    setNotice(null);
    const result = await api.importBackup(text, mode);
    if (!result.ok) {
      setErrors(result.errors.map((e) => `${e.path || t('opWholeFile')}: ${e.message}`));
      return;
    }
    setErrors([]);
    const restored = t('opBackupRestored', [String(result.imported), String(result.skipped)]);
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
              aria-describedby={retentionHelp}
              onChange={(e) => setRetention(e.currentTarget.value)}
            />
            <button type="button" className={buttonClass} onClick={onRetention}>
              {t('opSave')}
            </button>
          </span>
          <span id={retentionHelp} className="text-xs text-slate-600 dark:text-slate-400">
            {t('opRetentionHelp')}
          </span>
        </div>
      </div>

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
          onText={(text) => void onRestore(text)}
        />
      </div>
      <ErrorList title={t('opBackupErrors')} errors={errors} />
      <Notice text={notice} />
    </Section>
  );
}
