// First: zod's jitless mode before any schema is used (lib/zod-jitless.ts).
import '../../lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../../components/i18n';
import { browserI18n } from '../../components/platform/page-i18n';
import { SidebarRoot } from './sidebar-root';
import '../../components/styles.css';

const i18n = browserI18n();
document.documentElement.lang = i18n.locale;
document.title = i18n.t('extName');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider value={i18n}>
      <SidebarRoot />
    </I18nProvider>
  </StrictMode>,
);
