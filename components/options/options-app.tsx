/**
 * The Options page: what the administrator sets (if anything), portals, plan catalog, vendor profiles,
 * troubleshooting checklist, and escalation/data settings. Presentational; the platform
 * comes in as an {@link OptionsApi}.
 */
import type { VendorProfile } from '../../lib/escalation';
import type { PortalProfile } from '../../lib/portal/profile-schema';
import { useI18n } from '../i18n';
import { CatalogSection } from './catalog-section';
import { ChecklistSection } from './checklist-section';
import type { CustomDataApi } from './custom-data-api';
import { GeneralSection } from './general-section';
import { ManagedSection } from './managed-section';
import type { OptionsApi } from './options-api';
import { PortalsSection } from './portals-section';
import { UnreadableSection } from './unreadable-section';
import { VendorsSection } from './vendors-section';

/** The privacy statement inside the package, next to options.html. */
export const PRIVACY_URL = '/privacy.txt';
/** The drafts page, next to options.html in the package. */
export const DRAFTS_URL = '/drafts.html';

export interface OptionsAppProps {
  api: OptionsApi;
  builtInPortals: readonly PortalProfile[];
  vendors: readonly VendorProfile[];
  /** Vendor profiles, checklist and the administrator's policy; without it those sections are not shown. */
  customData?: CustomDataApi;
}

export function OptionsApp({ api, builtInPortals, vendors, customData }: OptionsAppProps) {
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-4xl p-6">
      <h1 className="mb-2 text-2xl font-semibold">{t('opTitle')}</h1>
      {/* Issue 20: the privacy statement (PRIVACY.md) ships in the package as privacy.txt (wxt.config.ts). */}
      <p className="mb-6 text-sm">
        <a
          href={PRIVACY_URL}
          target="_blank"
          rel="noreferrer"
          className="text-blue-700 underline dark:text-blue-300"
        >
          {t('opPrivacyLink')}
        </a>
        {' · '}
        {/* Issue 17: the drafts page (the escalation board) is reachable from every surface. */}
        <a href={DRAFTS_URL} target="_blank" rel="noreferrer" className="text-blue-700 underline dark:text-blue-300">
          {t('navAllDrafts')}
        </a>
      </p>
      {customData && <ManagedSection api={customData} />}
      {customData && <UnreadableSection api={customData} />}
      <PortalsSection api={api} builtIn={builtInPortals} />
      <CatalogSection api={api} />
      {customData && <VendorsSection api={customData} download={(...a) => api.download(...a)} />}
      {customData && <ChecklistSection api={customData} download={(...a) => api.download(...a)} />}
      <GeneralSection api={api} vendors={vendors} />
    </main>
  );
}
