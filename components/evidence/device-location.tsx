/**
 * Helpers for two fields eSIM Go asks for (seed 000: "Device type", "Location data - ideally the
 * specific location within the country"): a device field with suggestions of common models whose eSIM
 * support is known (indicative only: support varies by region and carrier lock), and a location as
 * country + place, taken from the portal page when it shows one.
 */
import { useId } from 'react';
import { useI18n } from '../i18n';
import { BUTTON, HINT, SELECT } from './ui';

/**
 * A few make/model families and whether they take an eSIM. Indicative: manufacturers' lists differ per
 * country (e.g. some regional variants have no eSIM); the agent confirms with the customer.
 */
export const DEVICE_SUGGESTIONS: readonly { readonly model: string; readonly esim: boolean }[] = [
  ...['XS', 'XS Max', 'XR', '11', 'SE (2nd generation)', '12', '13', '14', '15', '16'].map((m) => ({ model: `iPhone ${m}`, esim: true })),
  { model: 'iPhone X', esim: false },
  ...['3', '3a', '4', '5', '6', '7', '8', '9'].map((m) => ({ model: `Google Pixel ${m}`, esim: true })),
  { model: 'Google Pixel 2', esim: false },
  ...['S20', 'S21', 'S22', 'S23', 'S24', 'Z Flip', 'Z Fold', 'Note 20'].map((m) => ({ model: `Samsung Galaxy ${m}`, esim: true })),
  { model: 'Samsung Galaxy S10', esim: false },
];

/** Known eSIM support of a typed device, or null when the model is not in the list. */
export function esimSupport(device: string): boolean | null {
  const typed = device.trim().toLowerCase().replace(/\s+/g, ' ');
  if (typed === '') return null;
  // Longest model first, so "iPhone XS Max" is not read as "iPhone X".
  const sorted = [...DEVICE_SUGGESTIONS].sort((a, b) => b.model.length - a.model.length);
  const hit = sorted.find((d) => {
    const model = d.model.toLowerCase();
    const short = model.replace(/^(google|samsung) /, '');
    return typed === model || typed === short || typed.startsWith(`${model} `) || typed.startsWith(`${short} `);
  });
  return hit ? hit.esim : null;
}

const SEPARATOR = ' — ';

/** Splits a stored location ("Spain — Barcelona, Eixample") into country and place. */
export function splitLocation(value: string): { country: string; place: string } {
  const at = value.indexOf(SEPARATOR);
  if (at === -1) return { country: value, place: '' };
  return { country: value.slice(0, at), place: value.slice(at + SEPARATOR.length) };
}

/** Joins country and place the way {@link splitLocation} reads them back. */
export function joinLocation(country: string, place: string): string {
  return place.trim() === '' ? country : `${country}${SEPARATOR}${place}`;
}

export interface DeviceLocationProps {
  device: string;
  location: string;
  onDevice: (value: string) => void;
  onLocation: (value: string) => void;
  /** The location the portal page shows for the subscriber, if any. */
  pageLocation?: string | undefined;
}

export function DeviceLocation({ device, location, onDevice, onLocation, pageLocation }: DeviceLocationProps) {
  const { t } = useI18n();
  const id = useId();
  const support = esimSupport(device);
  const { country, place } = splitLocation(location);
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h4 id={`${id}-title`} className="text-sm font-semibold">
        {t('evDeviceLocationTitle')}
      </h4>
      <div>
        <label htmlFor={`${id}-device`} className="text-sm font-medium">
          {t('evDevice')}
        </label>
        <input
          id={`${id}-device`}
          type="text"
          list={`${id}-models`}
          maxLength={200}
          className={SELECT}
          value={device}
          onChange={(e) => onDevice(e.target.value)}
          aria-describedby={`${id}-device-help`}
        />
        <datalist id={`${id}-models`}>
          {DEVICE_SUGGESTIONS.map((d) => (
            <option key={d.model} value={d.model} />
          ))}
        </datalist>
        <p id={`${id}-device-help`} className={HINT} aria-live="polite">
          {support === true ? t('evDeviceEsimYes') : support === false ? t('evDeviceEsimNo') : t('evDeviceEsimUnknown')}
        </p>
      </div>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-country`} className="text-sm font-medium">
            {t('evCountry')}
          </label>
          <input
            id={`${id}-country`}
            type="text"
            autoComplete="off"
            maxLength={100}
            className={SELECT}
            value={country}
            onChange={(e) => onLocation(joinLocation(e.target.value, place))}
          />
        </div>
        <div>
          <label htmlFor={`${id}-place`} className="text-sm font-medium">
            {t('evPlace')}
          </label>
          <input
            id={`${id}-place`}
            type="text"
            autoComplete="off"
            maxLength={300}
            className={SELECT}
            value={place}
            onChange={(e) => onLocation(joinLocation(country, e.target.value))}
          />
        </div>
      </div>
      <p className={HINT}>{t('evPlaceHelp')}</p>
      {pageLocation && pageLocation.trim() !== '' && pageLocation !== location && (
        <button type="button" className={BUTTON} onClick={() => onLocation(pageLocation.trim())}>
          {t('evUsePageLocation', pageLocation.trim())}
        </button>
      )}
    </section>
  );
}
