/**
 * The Options page: portals, plan catalog, and escalation/data settings. Presentational; the platform
 * comes in as an {@link OptionsApi}.
 */
import type { VendorProfile } from '../../lib/escalation';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import { useI18n } from '../i18n';
import { CatalogSection } from './catalog-section';
import { GeneralSection } from './general-section';
import type { OptionsApi } from './options-api';
import { PortalsSection } from './portals-section';

export interface OptionsAppProps {
  api: OptionsApi;
  builtInPortals: readonly PortalProfile[];
  vendors: readonly VendorProfile[];
}

export function OptionsApp({ api, builtInPortals, vendors }: OptionsAppProps) {
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-4xl p-6">
      <h1 className="mb-6 text-2xl font-semibold">{t('opTitle')}</h1>
      <PortalsSection api={api} builtIn={builtInPortals} />
      <CatalogSection api={api} />
      <GeneralSection api={api} vendors={vendors} />
    </main>
  );
}
