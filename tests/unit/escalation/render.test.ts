import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  mailtoUrl,
  markdownFence,
  renderTicket,
  type RenderOptions,
} from '../../../lib/escalation/render';
import { secretFieldIds, stripSecrets } from '../../../lib/escalation/secrets';
import { VendorProfileSchema } from '../../../lib/escalation/vendor-profile';
import { VALID_ICCID, makeDraft, ticketTranslator, vendor } from './helpers';

const OPTS: RenderOptions = {
  locale: 'en',
  translate: ticketTranslator('en'),
  now: new Date('2025-03-28T16:50:00Z'),
  timeZone: 'Europe/Rome',
};
const FR = { locale: 'fr', translate: ticketTranslator('fr') } as const;
const CANARY = 'CANARY-s3cr3t-7f3a9';

/** The generic profile with an e-mail channel and a secret field: what a support lead might import. */
const mailVendor = VendorProfileSchema.parse({
  ...vendor('generic'),
  id: 'mail-carrier',
  name: 'Mail Carrier',
  channels: { email: 'support@carrier.example' },
  fields: [
    ...vendor('generic').fields,
    {
      id: 'password',
      kind: 'secret',
      required: false,
      label: { en: 'Password', fr: 'Mot de passe' },
      help: { en: 'P', fr: 'P' },
    },
  ],
});

describe('renderTicket — subject', () => {
  it('Samsara: "Organisation - [subject]" (seed 004)', () => {
    const draft = makeDraft({
      vendorId: 'samsara',
      summary: 'Tracker offline',
      fields: { organisation: 'Acme' },
    });
    const r = renderTicket(vendor('samsara'), draft, OPTS);
    expect(r.subject).toBe('Acme - Tracker offline');
    expect(r.text.split('\n')[0]).toBe('Acme - Tracker offline');
    expect(r.markdown.split('\n')[0]).toBe('## Acme - Tracker offline');
  });

  it('prefers the typed subject field over the summary, and leaves no dangling separator', () => {
    const typed = makeDraft({ summary: 'old', fields: { organisation: 'Acme', subject: 'Tracker offline' } });
    expect(renderTicket(vendor('samsara'), typed, OPTS).subject).toBe('Acme - Tracker offline');
    const noOrg = makeDraft({ summary: 'Tracker offline' });
    expect(renderTicket(vendor('samsara'), noOrg, OPTS).subject).toBe('Tracker offline');
    expect(renderTicket(vendor('samsara'), makeDraft(), OPTS).subject).toBe('Support request');
  });

  it('keeps the subject on one line and does not expand placeholders found in values', () => {
    const draft = makeDraft({
      summary: 'Line one\nline {organisation}',
      fields: { organisation: 'Acme\r\nCorp' },
    });
    expect(renderTicket(vendor('samsara'), draft, OPTS).subject).toBe(
      'Acme Corp - Line one line {organisation}',
    );
  });
});

describe('renderTicket — body', () => {
  const esimDraft = makeDraft({
    summary: 'No data in Portugal',
    iccid: VALID_ICCID,
    problemKind: 'connectivity',
    scope: 'several-users',
    // Seed 000: a *loss* of connectivity for several users is High (minor issues would be Normal).
    severity: 'loss',
    fields: {
      location: 'Lisbon, Portugal',
      device: 'iPhone 15',
      troubleshooting: '- Device restarted\n- Data roaming turned on for the eSIM',
    },
  });

  it('lists the fields in the vendor order, then the priority with its reason, then the SLA due', () => {
    const r = renderTicket(vendor('esim-go'), esimDraft, {
      ...OPTS,
      timeZone: 'Europe/London',
      apiCalls: [
        {
          method: 'get',
          endpoint: `/v2.4/esims/${VALID_ICCID}`,
          status: 200,
          response: '{"profileStatus":"Installed"}',
          timestamp: '2025-03-28T16:40:00Z',
        },
      ],
      attachments: [
        { name: 'settings.png', tag: 'esim-settings' },
        { name: 'networks.png', tag: 'connected-networks' },
      ],
    });
    const order = [
      `ICCID: ${VALID_ICCID}`,
      'Problem description: (not provided)',
      'Location within the country: Lisbon, Portugal',
      'Device type: iPhone 15',
      'Troubleshooting already done:\n- Device restarted\n- Data roaming turned on for the eSIM',
      'Screenshots from the device:\n- settings.png (eSIM settings)\n- networks.png (Connected networks)',
      `API call details:\n- GET /v2.4/esims/${VALID_ICCID} → 200 @ 2025-03-28T16:40:00Z\n{"profileStatus":"Installed"}`,
      'Priority: High — eSIM Go\'s priority rubric: "Loss of connectivity affecting multiple users or destinations"',
      // 24 h after 16:50Z, shown in the agent's zone.
      'First response expected by: 2025-03-29 16:50 (Europe/London, UTC+00:00)',
    ];
    let last = -1;
    for (const part of order) {
      const at = r.text.indexOf(part);
      expect(at, part).toBeGreaterThan(last);
      last = at;
    }
    expect(r.text).not.toContain('Plans on this eSIM'); // optional and empty: left out
  });

  it('renders the ICCID as digits even when typed in groups', () => {
    const grouped = VALID_ICCID.replace(/(\d{4})(?=\d)/g, '$1 ');
    const r = renderTicket(vendor('esim-go'), makeDraft({ fields: { iccid: grouped } }), OPTS);
    expect(r.text).toContain(`ICCID: ${VALID_ICCID}`);
  });

  it('says when the agent chose the priority', () => {
    const r = renderTicket(vendor('esim-go'), { ...esimDraft, priorityOverride: 'urgent' }, OPTS);
    expect(r.text).toContain('Priority: Urgent — Chosen by the agent');
  });

  it('Wildix: option labels, call time in the agent zone, Critical due in support hours', () => {
    const draft = makeDraft({
      vendorId: 'wildix',
      summary: 'Calls drop',
      // Seed 002: call drops not caused by an operator are Critical (Wildix's own problem kind).
      problemKind: 'call-drops',
      scope: 'one-user',
      fields: {
        message: 'Calls drop after 30 s',
        'ticket-type': 'non-technical',
        pbx: 'acme',
        'call-time': '2025-03-28T15:00:00Z',
      },
    });
    // Friday 17:50 in Rome.
    const r = renderTicket(vendor('wildix'), draft, OPTS);
    expect(r.text).toContain('Ticket type: Non-technical (Accounting, Billing, Invoices)');
    expect(r.text).toContain('Trace: time of the call: 2025-03-28 16:00 (Europe/Rome, UTC+01:00)');
    expect(r.text).toContain('First response expected by: 2025-03-31 09:20 (Europe/Rome, UTC+02:00)');
  });

  it('speaks French when asked', () => {
    const r = renderTicket(vendor('esim-go'), esimDraft, { ...OPTS, ...FR });
    // Issue 16: French typography (no-break space before ":" and inside « »), elision "d’eSIM Go".
    expect(r.text).toContain('Lieu dans le pays\u00a0: Lisbon, Portugal');
    expect(r.text).toContain(
      'Priorité\u00a0: Haute — Grille de priorité d’eSIM Go\u00a0: «\u00a0Perte de connectivité',
    );
    expect(r.text).toContain('Description du problème\u00a0: (non renseigné)');
    expect(r.markdown).toContain('**Lieu dans le pays\u00a0:** Lisbon, Portugal');
    expect(r.text).not.toMatch(/ [:;!?»]|« /);
  });

  it('omits the SLA line when the vendor states no target', () => {
    const r = renderTicket(
      vendor('trackunit'),
      makeDraft({ summary: 'x', problemKind: 'outage', scope: 'everyone' }),
      OPTS,
    );
    expect(r.text).toContain('Priority: Critical');
    expect(r.text).not.toContain('expected by');
  });
});

describe('secrets never leave', () => {
  const wildixDraft = makeDraft({
    vendorId: 'wildix',
    summary: 'PBX unreachable',
    problemKind: 'outage',
    scope: 'everyone',
    // A draft must never hold a secret; this one does, to prove rendering drops it anyway.
    fields: {
      message: 'Cloud PBX down',
      'ticket-type': 'technical',
      pbx: 'acme',
      login: `admin / ${CANARY}`,
    },
  });

  it('Wildix: the login is a placeholder in text and Markdown', () => {
    const r = renderTicket(vendor('wildix'), wildixDraft, OPTS);
    for (const out of [r.subject, r.text, r.markdown]) expect(out).not.toContain(CANARY);
    expect(r.text).toContain('Login credentials: [provided separately]');
    expect(r.markdown).toContain('**Login credentials:** \\[provided separately\\]');
  });

  it('an e-mail vendor: not in the mailto URL either, however it is encoded', () => {
    const draft = makeDraft({
      vendorId: 'mail-carrier',
      summary: 'Help',
      fields: { description: 'x', password: CANARY },
    });
    const r = renderTicket(mailVendor, draft, OPTS);
    const url = mailtoUrl(mailVendor, r) ?? '';
    expect(url.startsWith('mailto:support@carrier.example?subject=Help&body=')).toBe(true);
    for (const out of [r.text, r.markdown, url, decodeURIComponent(url)]) expect(out).not.toContain(CANARY);
  });

  it('stripSecrets removes exactly the secret fields and leaves the input alone', () => {
    const fields = { message: 'm', login: CANARY, unknown: 'kept' };
    expect(stripSecrets(vendor('wildix'), fields)).toEqual({ message: 'm', unknown: 'kept' });
    expect(fields.login).toBe(CANARY);
    expect([...secretFieldIds(vendor('wildix'))]).toEqual(['login']);
    expect(secretFieldIds(vendor('esim-go')).size).toBe(0);
  });
});

describe('Markdown cannot be injected', () => {
  const hostile =
    '[click here](https://evil.example) ![x](https://evil.example/p.png) <img src=x onerror=alert(1)> **bold** `code` &amp;';
  const draft = makeDraft({
    summary: `# ${hostile}`,
    fields: {
      location: hostile,
      device: '1. - > list',
      problem: `line 1\n\`\`\`\n</pre><script>alert(1)</script>\n\`\`\`\``,
    },
  });
  const md = renderTicket(vendor('esim-go'), draft, OPTS).markdown;

  it('escapes single-line text: no link, image, HTML, emphasis or entity survives', () => {
    const line = md.split('\n').find((l) => l.startsWith('**Location within the country:**')) ?? '';
    expect(line).not.toMatch(/(^|[^\\])\]\(/); // no "](" that is not escaped
    expect(line).not.toMatch(/<img|<script/);
    expect(line).toContain('\\[click here\\]\\(https://evil.example\\)');
    expect(line).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(line).toContain('\\*\\*bold\\*\\*');
    expect(line).toContain('&amp;amp;');
    expect(md.split('\n')[0]).toMatch(/^## \\# \\\[click here\\\]/);
  });

  it('fences multi-line text with a fence longer than any backtick run inside', () => {
    expect(md).toContain('`````\nline 1\n```\n</pre><script>alert(1)</script>\n````\n`````');
  });

  it('escapes list and block markers at the start of an item', () => {
    expect(escapeMarkdown('1. - > x')).toBe('1\\. - &gt; x');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(markdownFence('no ticks')).toBe('```\nno ticks\n```');
  });

  it('drops invisible bidi overrides that could disguise text', () => {
    const r = renderTicket(vendor('esim-go'), makeDraft({ fields: { device: 'iPhone\u202e51' } }), OPTS);
    expect(r.text).toContain('Device type: iPhone51');
  });
});

describe('mailtoUrl', () => {
  it('is null for vendors that take no new tickets by e-mail', () => {
    for (const id of ['esim-go', 'wildix', 'wildix-us', 'trackunit', 'samsara', 'generic']) {
      const r = renderTicket(vendor(id), makeDraft({ summary: 'x' }), OPTS);
      expect(mailtoUrl(vendor(id), r)).toBeNull();
    }
  });

  it('encodes subject and body (CRLF line breaks, RFC 6068)', () => {
    const r = renderTicket(
      mailVendor,
      makeDraft({ summary: 'Tarif & accès', fields: { description: 'a\nb' } }),
      OPTS,
    );
    const url = mailtoUrl(mailVendor, r) ?? '';
    const params = new URLSearchParams(url.slice(url.indexOf('?') + 1).replace(/\+/g, '%2B'));
    expect(params.get('subject')).toBe('Tarif & accès');
    expect(params.get('body')).toBe(r.text.replace(/\n/g, '\r\n'));
  });

  it('cuts a body too long for a URL, keeping valid encoding', () => {
    const long = '😀 éé '.repeat(3000);
    const r = renderTicket(mailVendor, makeDraft({ summary: 'Long', fields: { description: long } }), OPTS);
    const url = mailtoUrl(mailVendor, r, 2000) ?? '';
    expect(url.length).toBeLessThanOrEqual(2000);
    expect(() => decodeURIComponent(url)).not.toThrow();
    expect(decodeURIComponent(url)).toMatch(/\[…\]$/);
  });

  it('never throws on broken Unicode from a page (lone surrogates, long emoji subjects)', () => {
    const draft = makeDraft({ summary: '😀'.repeat(200), fields: { description: 'bad \uD83D half' } });
    const r = renderTicket(mailVendor, draft, OPTS);
    expect(r.subject.length).toBeLessThanOrEqual(250);
    expect(r.text).toContain('bad \uFFFD half');
    expect(() => mailtoUrl(mailVendor, r)).not.toThrow();
  });
});
