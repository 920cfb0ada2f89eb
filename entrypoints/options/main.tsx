// First: zod's jitless mode before any schema is used (lib/zod-jitless.ts).
import '../../lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../../components/i18n';
import { OptionsApp } from '../../components/options/options-app';
import { browserI18n } from '../../components/platform/page-i18n';
import { useVendors } from '../../components/platform/use-vendors';
import { builtInPortalProfiles } from '../../lib/portal/profiles';
import { createCustomDataApi, createOptionsApi } from './platform';
import '../../components/styles.css';

const api = createOptionsApi();
const customData = createCustomDataApi();

/** The page with the effective vendor list (built-in + custom + managed), followed live. */
function OptionsRoot() {
  const { vendors } = useVendors();
  return (
    <OptionsApp api={api} builtInPortals={builtInPortalProfiles} vendors={vendors} customData={customData} />
  );
}

const i18n = browserI18n();
document.documentElement.lang = i18n.locale;
document.title = `${i18n.t('opTitle')} — ${i18n.t('extName')}`;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider value={i18n}>
      <OptionsRoot />
    </I18nProvider>
  </StrictMode>,
);
