/**
 * Options → "Set by your administrator": what the IT administrator deploys by browser policy
 * (storage.managed), read-only, and the parts of the policy that were invalid and are ignored. Shown
 * only when a policy sets something (or sets something wrong). Policy wins over the sections below.
 */
import { useCallback, useEffect, useState } from 'react';
import { getVendor } from '../../lib/escalation/vendors';
import { managedKeys, type ManagedData, type ManagedKey, type ManagedRead } from '../../lib/settings/managed';
import { pick, useI18n, type Translate } from '../i18n';
import type { CustomDataApi } from './custom-data-api';
import { problemLines } from './data-errors';
import { Section } from './ui';

function describe(t: Translate, locale: 'en' | 'fr', key: ManagedKey, data: ManagedData): string {
  switch (key) {
    case 'portals':
      return t('cdManaged_portals', [(data.portals ?? []).map((p) => p.name).join(', ')]);
    case 'catalog':
      return t('cdManaged_catalog', [data.catalog ? `${data.catalog.name} (${data.catalog.version})` : '']);
    case 'vendors':
      return t('cdManaged_vendors', [(data.vendors ?? []).map((v) => v.name).join(', ')]);
    case 'checklist':
      return t('cdManaged_checklist', [data.checklist ? pick(data.checklist.name, locale) : '']);
    case 'defaultVendorId': {
      const id = data.defaultVendorId ?? '';
      return t('cdManaged_defaultVendorId', [getVendor(id, data.vendors ?? [])?.name ?? id]);
    }
    case 'loopbackEnabled':
      return t('cdManaged_loopbackEnabled', [t(data.loopbackEnabled ? 'cdOn' : 'cdOff')]);
  }
}

export function ManagedSection({ api }: { api: CustomDataApi }) {
  const { t, locale } = useI18n();
  const [read, setRead] = useState<ManagedRead | null>(null);
  const reload = useCallback(async () => setRead(await api.loadManaged()), [api]);

  useEffect(() => {
    void reload();
    return api.watch(() => void reload());
  }, [api, reload]);

  if (!read) return null;
  const keys = managedKeys(read.data);
  if (keys.length === 0 && read.problems.length === 0) return null;
  return (
    <Section title={t('cdManagedTitle')}>
      <p className="text-sm">{t('cdManagedIntro')}</p>
      {keys.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {keys.map((k) => (
            <li key={k}>{describe(t, locale, k, read.data)}</li>
          ))}
        </ul>
      )}
      {read.problems.length > 0 && (
        <div className="mt-2 rounded border border-amber-600 p-2 text-sm">
          <p className="font-semibold">{t('cdManagedProblems')}</p>
          <ul className="list-disc pl-5 font-mono">
            {problemLines(t, read.problems).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
