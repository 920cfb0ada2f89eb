/**
 * Options → "Saved settings that could not be read": values in storage.local that no longer read
 * (damaged, or stored by another version of the extension). The storage registry set them aside
 * instead of replacing them (lib/settings/registry.ts); this lists them — which data, which version,
 * what was wrong, never the values themselves — and lets the agent discard them. Shown only when
 * something was set aside.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StorageKey } from '../../lib/settings/keys';
import type { UnreadableEntry } from '../../lib/settings/registry';
import { useI18n } from '../i18n';
import type { CustomDataApi } from './custom-data-api';
import { problemLines } from './data-errors';
import { buttonClass, Section } from './ui';

export function UnreadableSection({ api }: { api: CustomDataApi }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<UnreadableEntry[]>([]);
  const reload = useCallback(async () => setEntries((await api.loadUnreadable?.()) ?? []), [api]);

  useEffect(() => {
    void reload();
    return api.watch(() => void reload());
  }, [api, reload]);

  async function discard(key: StorageKey) {
    await api.discardUnreadable?.(key);
    await reload();
  }

  if (entries.length === 0) return null;
  return (
    <Section title={t('opUnreadableTitle')}>
      <p className="text-sm">{t('opUnreadableIntro')}</p>
      <ul className="mt-2 space-y-2 text-sm">
        {entries.map((entry) => {
          const what = t(`opUnreadableKey_${entry.key}`);
          return (
            <li key={entry.key} className="rounded border border-amber-600 p-2">
              <p className="font-semibold">{what}</p>
              <ul className="list-disc pl-5">
                {entry.records.map((record, i) => (
                  <li key={i}>
                    {t(`opUnreadableCode_${record.code.replace(/-/g, '_')}`, [String(record.version)])}
                    {record.problems.length > 0 && (
                      <ul className="list-disc pl-5 font-mono">
                        {problemLines(t, record.problems).map((line, j) => (
                          <li key={j}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
              <button type="button" className={`${buttonClass} mt-2`} onClick={() => void discard(entry.key)}>
                {t('opUnreadableDiscard', [what])}
              </button>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
