import { describe, expect, it } from 'vitest';
import { parsePortalProfile, PortalProfileSchema } from '../../../lib/portal/profile-schema';
import { builtInPortalProfiles } from '../../../lib/portal/profiles';
import demoPortal from '../../../lib/portal/profiles/demo-portal.json';

const minimal = {
  id: 'my-portal',
  name: 'My portal',
  version: 1,
  urlPatterns: ['https://ap.example.com/*'],
  esims: { rows: { heading: 'eSIMs' }, fields: { iccid: { label: 'ICCID' } } },
};

describe('PortalProfileSchema', () => {
  it('accepts every built-in profile, unchanged', () => {
    expect(builtInPortalProfiles.length).toBeGreaterThan(0);
    for (const profile of builtInPortalProfiles) {
      const parsed = PortalProfileSchema.safeParse(profile);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data).toEqual(profile);
    }
  });

  it('accepts the demo portal JSON file and it is JSON round-trippable', () => {
    const parsed = parsePortalProfile(JSON.parse(JSON.stringify(demoPortal)));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.profile.id).toBe('demo-portal');
  });

  it('accepts a minimal profile', () => {
    expect(parsePortalProfile(minimal).ok).toBe(true);
  });

  it.each(['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*', 'https://*.com/*'])(
    'refuses the too-broad pattern %s with a message pointing at it',
    (pattern) => {
      const parsed = parsePortalProfile({ ...minimal, urlPatterns: ['https://ap.example.com/*', pattern] });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('invalid-profile');
        expect(parsed.error.message).toMatch(/^urlPatterns\[1\]: /);
        expect(parsed.error.message).toMatch(/every site|top-level domain/);
      }
      const raw = PortalProfileSchema.safeParse({ ...minimal, urlPatterns: [pattern] });
      expect(raw.error?.issues[0]?.path).toEqual(['urlPatterns', 0]);
    },
  );

  it('refuses an empty pattern list, a locator with nothing in it, unknown keys and a bad parse', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...minimal, urlPatterns: [] }, /^urlPatterns: /],
      [{ ...minimal, esims: { rows: {}, fields: {} } }, /^esims\.rows: .*"css", "label" or "heading"/],
      [
        { ...minimal, esims: { rows: { css: 'tr' }, fields: { iccid: { label: 'ICCID', parse: 'hex' } } } },
        /^esims\.fields\.iccid\.parse: /,
      ],
      [{ ...minimal, extra: true }, /extra/],
      [{ ...minimal, id: 'Has Spaces' }, /^id: /],
      [
        {
          ...minimal,
          esims: {
            rows: { css: 'tr' },
            fields: {},
            plans: { rows: { css: '.plan' }, within: 'page', fields: { name: { label: 'Plan' } } },
          },
        },
        /^esims\.plans\.esimIccid: /,
      ],
    ];
    for (const [input, message] of cases) {
      const parsed = parsePortalProfile(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message).toMatch(message);
    }
  });

  it('never throws on garbage', () => {
    for (const input of [null, 42, 'profile', [], { id: 1 }])
      expect(parsePortalProfile(input).ok).toBe(false);
  });
});
