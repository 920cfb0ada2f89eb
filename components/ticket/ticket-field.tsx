/**
 * One field of the vendor's ticket form, labelled and explained with the vendor's own words (en/fr),
 * in the input its kind calls for. Secret fields are masked and say where they are kept.
 */
import { useId } from 'react';
import type { CompletenessItem } from '../../lib/escalation/completeness';
import type { VendorField } from '../../lib/escalation/vendor-profile';
import { pick, useI18n } from '../i18n';
import { problemText } from './completeness-panel';

export interface TicketFieldProps {
  field: VendorField;
  value: string;
  onChange: (value: string) => void;
  item: CompletenessItem | undefined;
  /** Copies a secret to the clipboard (secrets go to the vendor separately, never in the ticket text). */
  onCopySecret?: () => void;
}

const INPUT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

export function TicketField({ field, value, onChange, item, onCopySecret }: TicketFieldProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const invalid = item?.status === 'invalid';
  const describedBy = [helpId, invalid ? problemId : null].filter(Boolean).join(' ');
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    'aria-required': field.required || undefined,
    className: INPUT,
    'data-field-id': field.id,
  } as const;

  let control;
  switch (field.kind) {
    case 'textarea':
    case 'evidence-api':
    case 'evidence-screenshot':
      control = (
        <textarea
          {...common}
          rows={field.kind === 'textarea' ? 4 : 3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'select':
      control = (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('tkChoose')}</option>
          {field.options?.map((o) => (
            <option key={o.id} value={o.id}>
              {pick(o.label, locale)}
            </option>
          ))}
        </select>
      );
      break;
    case 'datetime':
      control = (
        <input
          {...common}
          type="datetime-local"
          value={value.slice(0, 16)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'secret':
      control = (
        <div className="flex gap-2">
          <input
            {...common}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          {onCopySecret && value !== '' && (
            <button
              type="button"
              onClick={onCopySecret}
              className="shrink-0 rounded border border-slate-300 px-2 text-sm focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600"
            >
              {t('tkCopySecret')}
            </button>
          )}
        </div>
      );
      break;
    case 'iccid':
      control = (
        <input
          {...common}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default:
      control = <input {...common} type="text" value={value} onChange={(e) => onChange(e.target.value)} />;
  }

  return (
    <div className="space-y-1">
      <div className="flex items-baseline gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {pick(field.label, locale)}
        </label>
        <span className="text-xs text-slate-600 dark:text-slate-300">
          {field.required ? t('tkRequired') : t('tkOptional')}
        </span>
      </div>
      {control}
      <p id={helpId} className="text-xs text-slate-600 dark:text-slate-300">
        {pick(field.help, locale)}
        {field.kind === 'secret' && <> {t('tkSecretNote')}</>}
      </p>
      {invalid && item && (
        <p id={problemId} className="text-xs font-medium text-red-700 dark:text-red-400">
          {problemText(item, t)}
        </p>
      )}
    </div>
  );
}
