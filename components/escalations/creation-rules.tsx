/**
 * The vendor's rules that apply when a ticket is being written (issue 18 rule 7; seed 004: "Submit one
 * ticket per problem", check the status page; seed 002: open tickets in WMP), from the profile's
 * `followUp.creationRuleIds`.
 */
import { followUpOf } from '../../lib/escalation/escalation';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { vendorDisplayName } from '../../lib/escalation/vendors';
import { pick, useI18n } from '../i18n';

export function CreationRules({ vendor }: { vendor: VendorProfile }) {
  const { t, locale } = useI18n();
  const rules = followUpOf(vendor).creationRules;
  if (rules.length === 0) return null;
  return (
    <aside
      aria-label={t('escRules', vendorDisplayName(vendor, locale))}
      className="rounded border border-slate-300 p-2 text-sm dark:border-slate-600"
      data-testid="creation-rules"
    >
      <ul className="list-disc pl-4">
        {rules.map((r) => (
          <li key={r.id}>{pick(r.text, locale)}</li>
        ))}
      </ul>
    </aside>
  );
}
