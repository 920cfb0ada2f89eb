/**
 * Options → Troubleshooting checklist (seed 000: first line troubleshoots before escalating; the
 * steps are data). Shows the checklist in effect and where it comes from, imports a JSON checklist
 * (refused whole, problems named by path — `steps[2].label.fr`), exports it, resets to the shipped
 * default. A checklist set by the administrator is shown read-only (policy wins).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { Checklist } from '../../lib/escalation/checklist';
import { effectiveChecklist, parseChecklistJson, toJsonFile } from '../../lib/settings/custom-data';
import type { DataProblem } from '../../lib/settings/data-problem';
import { pick, useI18n } from '../i18n';
import type { CustomDataApi } from './custom-data-api';
import { importErrorLines, problemLines } from './data-errors';
import { buttonClass, ErrorList, FilePicker, Notice, Section } from './ui';

export interface ChecklistSectionProps {
  api: CustomDataApi;
  download: (filename: string, text: string, mime: string) => void;
}

interface Loaded {
  stored: Checklist | null;
  managed: Checklist | null;
  problems: DataProblem[];
}

export function ChecklistSection({ api, download }: ChecklistSectionProps) {
  const { t, locale } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const listId = useId();

  const reload = useCallback(async () => {
    const [stored, managed] = await Promise.all([api.loadChecklist(), api.loadManaged()]);
    setLoaded({
      stored: stored.checklist,
      managed: managed.data.checklist ?? null,
      problems: stored.problems,
    });
  }, [api]);

  useEffect(() => {
    void reload();
    return api.watch(() => void reload());
  }, [api, reload]);

  if (!loaded) return null;
  const checklist = effectiveChecklist(loaded.stored, loaded.managed);
  const managed = loaded.managed !== null;

  async function store(next: Checklist | null, message: string) {
    const result = await api.saveChecklist(next);
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
    const parsed = parseChecklistJson(text);
    if (!parsed.ok) {
      setErrors(importErrorLines(t, parsed.error));
      return;
    }
    const name = pick(parsed.checklist.name, locale);
    void store(parsed.checklist, t('cdChecklistImported', [name, String(parsed.checklist.steps.length)]));
  }

  return (
    <Section title={t('cdChecklistTitle')}>
      <p className="text-sm">
        {t('cdChecklistActive', [pick(checklist.name, locale), String(checklist.steps.length)])}{' '}
        {managed ? t('cdChecklistManaged') : loaded.stored ? t('cdChecklistCustom') : t('cdChecklistDefault')}
      </p>
      <h3 id={listId} className="mt-2 text-sm font-semibold">
        {t('cdChecklistSteps')}
      </h3>
      <ol aria-labelledby={listId} className="mt-1 max-h-64 list-decimal overflow-auto pl-6 text-sm">
        {checklist.steps.map((s) => (
          <li key={s.id}>
            {pick(s.label, locale)}
            {s.help && (
              <span className="block text-xs text-slate-600 dark:text-slate-300">{pick(s.help, locale)}</span>
            )}
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {!managed && (
          <FilePicker label={t('cdChecklistImport')} accept=".json,application/json" onText={onImport} />
        )}
        <button
          type="button"
          className={buttonClass}
          onClick={() =>
            download(`checklist-${checklist.id}.json`, toJsonFile(checklist), 'application/json')
          }
        >
          {t('cdExportJson')}
        </button>
        {!managed && (
          <button
            type="button"
            className={buttonClass}
            disabled={loaded.stored === null}
            onClick={() => void store(null, t('cdChecklistWasReset'))}
          >
            {t('cdChecklistReset')}
          </button>
        )}
      </div>
      <ErrorList title={t('cdChecklistErrors')} errors={errors} />
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
