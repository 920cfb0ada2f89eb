/**
 * The vendor `<select>` (quick ticket, ticket editor, drafts list filter, Options' default vendor): the
 * offered vendor profiles by name, valued by id. Labelling, styling and extra attributes come from the
 * caller; `emptyLabel` adds a first, empty choice (a filter's "All").
 */
import type { SelectHTMLAttributes } from 'react';
import type { VendorProfile } from '../lib/escalation/vendor-profile';
import { vendorDisplayName } from '../lib/escalation/vendors';
import { useI18n } from './i18n';

export interface VendorSelectProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> {
  vendors: readonly VendorProfile[];
  value: string;
  onChange: (vendorId: string) => void;
  emptyLabel?: string;
}

export function VendorSelect({ vendors, value, onChange, emptyLabel, ...rest }: VendorSelectProps) {
  const { locale } = useI18n();
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {vendors.map((v) => (
        <option key={v.id} value={v.id}>
          {vendorDisplayName(v, locale)}
        </option>
      ))}
    </select>
  );
}
