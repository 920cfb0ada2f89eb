/**
 * Issue 16 §5: a refused capture reaches the panel as a code, shown in the agent's language; the
 * background's English (or the browser's) stays out of it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureFailure, captureFailureText } from '../../../components/evidence/capture-failure';
import { messagingFailureText } from '../../../components/platform/messaging-failure';
import { MessagingError } from '../../../lib/messaging/protocol';
import { builtInVendors, vendorDisplayName } from '../../../lib/escalation/vendors';

const fr = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../public/_locales/fr/messages.json'), 'utf8'),
) as Record<string, { message: string }>;
/** A French translator like the extension's: placeholders $P1$… filled in order. */
const t = (key: string, subs?: string | string[]) => {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const text = fr[key]?.message;
  if (text === undefined) return key;
  return text.replace(/\$P(\d)\$/g, (_m, n: string) => list[Number(n) - 1] ?? '');
};

describe('capture failures in the agent’s language', () => {
  it('a bad host is named in French, with the host', () => {
    const e = new CaptureFailure({ code: 'failed', message: 'bad_host:exa mple' });
    expect(captureFailureText(t, e)).toBe(
      'Ce n’est pas un hôte d’API\u00a0: exa mple. Saisissez un nom d’hôte comme api.example.com.',
    );
  });

  it('no hosts listed', () => {
    expect(captureFailureText(t, new CaptureFailure({ code: 'failed', message: 'no_hosts' }))).toBe(
      'Indiquez au moins un hôte d’API à enregistrer.',
    );
  });

  it('a browser’s own English error is not shown', () => {
    const e = new CaptureFailure({ code: 'failed', message: 'Cannot access contents of the page' });
    const text = captureFailureText(t, e);
    expect(text).toBe(fr['msgMessagingError_failed']!.message);
    expect(text).not.toMatch(/Cannot access/);
  });

  it('a drafts store time-out (lib/messaging/drafts-rpc.ts) reads in French', () => {
    const e = new MessagingError({ code: 'timeout', message: 'The drafts store did not answer.' });
    expect(messagingFailureText(t, e)).toBe(
      'le stockage des brouillons n’a pas répondu à temps\u00a0; réessayez',
    );
  });
});

describe('the generic vendor’s name', () => {
  const generic = builtInVendors.find((v) => v.id === 'generic')!;
  it('keeps its id and reads in the agent’s language', () => {
    expect(generic.id).toBe('generic');
    expect(vendorDisplayName(generic, 'fr')).toBe('Autre fournisseur');
    expect(vendorDisplayName(generic, 'en')).toBe('Other vendor');
  });
  it('a brand stays as written', () => {
    const esimGo = builtInVendors.find((v) => v.id === 'esim-go')!;
    expect(vendorDisplayName(esimGo, 'fr')).toBe(esimGo.name);
  });
  it('a profile copied from the generic one and renamed reads by its new name (the translation was of the old)', () => {
    const acme = { ...generic, id: 'acme', name: 'Acme Telecom' };
    expect(vendorDisplayName(acme, 'en')).toBe('Acme Telecom');
    expect(vendorDisplayName(acme, 'fr')).toBe('Acme Telecom');
  });
});
