/**
 * Options → Plan catalog (issue 6): which plan goes on which IMSI profile (seed 001: the mapping differs
 * per reseller, so it is data). Shows the active catalog, labels example data, imports JSON or CSV
 * all-or-nothing with errors that point at the path or the file line, exports, resets to the example.
 */
import { useEffect, useState } from 'react';
import {
  catalogToCsv,
  catalogToJson,
  EXAMPLE_CATALOG,
  parseCatalogCsv,
  parseCatalogJson,
  type Catalog,
  type CatalogCsvError,
  type CatalogImportErrorCode,
} from '../../lib/catalog';
import { useI18n, type Translate } from '../i18n';
import type { OptionsApi } from './options-api';
import { buttonClass, ErrorList, FilePicker, Notice, Section } from './ui';

const codeText = (t: Translate, code: CatalogImportErrorCode) => t(`opCatErr_${code.replace(/-/g, '_')}`);

/** ` — ` and the finer CSV problem in the agent's language (`msgCsvDetail_*`), or nothing. */
const csvDetailText = (t: Translate, e: CatalogCsvError) =>
  e.detail ? ` — ${t(`msgCsvDetail_${e.detail.replace(/-/g, '_')}`, [...(e.args ?? [])])}` : '';

export function CatalogSection({ api }: { api: OptionsApi }) {
  const { t } = useI18n();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void api.loadCatalog().then(setCatalog);
  }, [api]);

  async function use(next: Catalog, message: string) {
    await api.saveCatalog(next);
    setCatalog(next);
    setErrors([]);
    setNotice(message);
  }

  function onImport(text: string, fileName: string) {
    setNotice(null);
    if (/\.csv$/i.test(fileName)) {
      const base = fileName.replace(/\.csv$/i, '');
      const result = parseCatalogCsv(text, { name: base, version: new Date().toISOString().slice(0, 10) });
      if (result.ok)
        return void use(result.catalog, t('opCatalogImported', [String(result.catalog.plans.length)]));
      setErrors(
        result.errors.map(
          (e) =>
            `${t('opCsvWhere', [String(e.row), e.column ?? '—'])}: ${codeText(t, e.code)}${csvDetailText(t, e)}`,
        ),
      );
      return;
    }
    const result = parseCatalogJson(text);
    if (result.ok)
      return void use(result.catalog, t('opCatalogImported', [String(result.catalog.plans.length)]));
    setErrors(
      // The path and the code say where and what; zod's and the JS engine's English stay out (issue 16 §5).
      result.errors.map((e) => `${e.path || t('opWholeFile')}: ${codeText(t, e.code)}`),
    );
  }

  return (
    <Section title={t('opCatalogTitle')}>
      {catalog && (
        <>
          <p className="text-sm">
            {t('opCatalogActive', [catalog.name, catalog.version, String(catalog.plans.length)])}
          </p>
          {catalog.exampleData && (
            <p className="mt-1 rounded bg-amber-100 px-2 py-1 text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50">
              {t('opCatalogExample')}
            </p>
          )}
          {/* Issue 17 (axe scrollable-region-focusable): the keyboard can scroll the table. */}
          <div className="mt-2 max-h-64 overflow-auto" tabIndex={0} role="region" aria-label={t('navCatalogTable')}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('opCatalogTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('opPlan')}</th>
                  <th scope="col">{t('opRegion')}</th>
                  <th scope="col">{t('opImsiProfile')}</th>
                </tr>
              </thead>
              <tbody>
                {catalog.plans.map((p) => (
                  <tr key={p.id} className="border-t border-slate-200 dark:border-slate-700">
                    <td>{p.name}</td>
                    <td>{p.region}</td>
                    <td>{p.imsiProfile}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <FilePicker
              label={t('opCatalogImport')}
              accept=".json,.csv,application/json,text/csv"
              onText={onImport}
            />
            <button
              type="button"
              className={buttonClass}
              onClick={() => api.download('plan-catalog.json', catalogToJson(catalog), 'application/json')}
            >
              {t('opExportJson')}
            </button>
            <button
              type="button"
              className={buttonClass}
              onClick={() => api.download('plan-catalog.csv', catalogToCsv(catalog), 'text/csv')}
            >
              {t('opExportCsv')}
            </button>
            <button
              type="button"
              className={buttonClass}
              onClick={() => void use(EXAMPLE_CATALOG, t('opCatalogReset'))}
            >
              {t('opCatalogResetButton')}
            </button>
          </div>
        </>
      )}
      <ErrorList title={t('opCatalogErrors')} errors={errors} />
      <Notice text={notice} />
    </Section>
  );
}
