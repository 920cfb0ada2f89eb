/**
 * Options → Vendor profiles (DESIGN §3: a vendor is data). Lists the built-in profiles, the agent's own
 * and the administrator's; imports a JSON profile (refused whole, every problem named by its path —
 * `fields[2].kind`), exports any profile as a re-importable file, removes the agent's own. A profile
 * with a built-in id replaces the built-in one; one with a managed id is refused (policy wins).
 */
import { useCallback, useEffect, useState } from 'react';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { builtInVendors, parseVendorProfileJson } from '../../lib/escalation/vendors';
import { effectiveVendors, toJsonFile, upsertVendor } from '../../lib/settings/custom-data';
import type { DataProblem } from '../../lib/settings/data-problem';
import { useI18n } from '../i18n';
import type { CustomDataApi } from './custom-data-api';
import { importErrorLines, problemLines } from './data-errors';
import { buttonClass, ErrorList, FilePicker, Notice, Section } from './ui';

export interface VendorsSectionProps {
  api: CustomDataApi;
  /** Offers a file to save (OptionsApi.download). */
  download: (filename: string, text: string, mime: string) => void;
}

interface Loaded {
  custom: VendorProfile[];
  managed: VendorProfile[];
  problems: DataProblem[];
}

export function VendorsSection({ api, download }: VendorsSectionProps) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [custom, managed] = await Promise.all([api.loadCustomVendors(), api.loadManaged()]);
    setLoaded({
      custom: custom.vendors,
      managed: managed.data.vendors ?? [],
      problems: custom.problems,
    });
  }, [api]);

  useEffect(() => {
    void reload();
    return api.watch(() => void reload());
  }, [api, reload]);

  if (!loaded) return null;
  const { custom, managed } = loaded;
  const managedIds = new Set(managed.map((v) => v.id));
  const customIds = new Set(custom.map((v) => v.id));
  const builtInIds = new Set(builtInVendors.map((v) => v.id));
  const list = effectiveVendors(custom, managed);

  const sourceOf = (v: VendorProfile) =>
    managedIds.has(v.id)
      ? t('cdSourceManaged')
      : customIds.has(v.id)
        ? t(builtInIds.has(v.id) ? 'cdSourceReplaces' : 'cdSourceCustom')
        : t('cdSourceBuiltIn');

  async function store(next: VendorProfile[], message: string) {
    const result = await api.saveCustomVendors(next);
    if (!result.ok) {
      setErrors(problemLines(t, result.problems));
      return;
    }
    setErrors([]);
    setNotice(message);
    await reload();
  }

  function onImport(text: string) {
    setNotice(null);
    const parsed = parseVendorProfileJson(text);
    if (!parsed.ok) {
      setErrors(importErrorLines(t, parsed.error));
      return;
    }
    const profile = parsed.profile;
    if (managedIds.has(profile.id)) {
      setErrors([`id: ${t('cdVendorManagedId', [profile.id])}`]);
      return;
    }
    const replacing = customIds.has(profile.id) || builtInIds.has(profile.id);
    void store(
      upsertVendor(custom, profile),
      t(replacing ? 'cdVendorReplaced' : 'cdVendorAdded', [profile.name]),
    );
  }

  return (
    <Section title={t('cdVendorsTitle')}>
      <p className="text-sm">{t('cdVendorsIntro')}</p>
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">{t('cdVendorsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cdVendorName')}</th>
            <th scope="col">{t('cdVendorId')}</th>
            <th scope="col">{t('cdVendorSource')}</th>
            <th scope="col">{t('cdActions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr key={v.id} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-2">{v.name}</td>
              <td className="py-1 pr-2 font-mono">{v.id}</td>
              <td className="py-1 pr-2">{sourceOf(v)}</td>
              <td className="flex flex-wrap gap-2 py-1">
                <button
                  type="button"
                  className={buttonClass}
                  aria-label={t('cdExportNamed', [v.name])}
                  onClick={() => download(`vendor-${v.id}.json`, toJsonFile(v), 'application/json')}
                >
                  {t('cdExport')}
                </button>
                {customIds.has(v.id) && !managedIds.has(v.id) && (
                  <button
                    type="button"
                    className={buttonClass}
                    aria-label={t('cdRemoveNamed', [v.name])}
                    onClick={() =>
                      void store(
                        custom.filter((c) => c.id !== v.id),
                        t('cdVendorRemoved', [v.name]),
                      )
                    }
                  >
                    {t('cdRemove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-3">
        <FilePicker label={t('cdVendorImport')} accept=".json,application/json" onText={onImport} />
      </div>
      <ErrorList title={t('cdVendorErrors')} errors={errors} />
      {loaded.problems.length > 0 && (
        <div className="mt-2 rounded border border-amber-600 p-2 text-sm">
          <p className="font-semibold">{t('cdStoredProblems')}</p>
          <ul className="list-disc pl-5 font-mono">
            {problemLines(t, loaded.problems).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <Notice text={notice} />
    </Section>
  );
}
