import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatActivationCode, parseActivationCode } from '../../../lib/telecom/activation-code';

describe('parseActivationCode', () => {
  it.each([
    [
      'LPA:1$smdp.example.com$04386-AGYFT-A74Y8-3F815',
      {
        smdpAddress: 'smdp.example.com',
        matchingId: '04386-AGYFT-A74Y8-3F815',
        confirmationCodeRequired: false,
      },
    ],
    [
      '1$smdp.example.com$04386-AGYFT-A74Y8-3F815',
      {
        smdpAddress: 'smdp.example.com',
        matchingId: '04386-AGYFT-A74Y8-3F815',
        confirmationCodeRequired: false,
      },
    ],
    [
      '  lpa:1$SMDP.EXAMPLE.COM$ABC123 \n',
      { smdpAddress: 'smdp.example.com', matchingId: 'ABC123', confirmationCodeRequired: false },
    ],
    [
      'LPA:1$smdp.example.com$ABC123$1.3.6.1.4.1.31746',
      {
        smdpAddress: 'smdp.example.com',
        matchingId: 'ABC123',
        oid: '1.3.6.1.4.1.31746',
        confirmationCodeRequired: false,
      },
    ],
    [
      'LPA:1$smdp.example.com$ABC123$1.3.6.1.4.1.31746$1',
      {
        smdpAddress: 'smdp.example.com',
        matchingId: 'ABC123',
        oid: '1.3.6.1.4.1.31746',
        confirmationCodeRequired: true,
      },
    ],
    [
      'LPA:1$smdp.example.com$ABC123$$1',
      { smdpAddress: 'smdp.example.com', matchingId: 'ABC123', confirmationCodeRequired: true },
    ],
    [
      'LPA:1$rsp-eu.simlessly.example.net$K2-1ABC-XYZ',
      {
        smdpAddress: 'rsp-eu.simlessly.example.net',
        matchingId: 'K2-1ABC-XYZ',
        confirmationCodeRequired: false,
      },
    ],
  ])('parses %j', (text, expected) => {
    expect(parseActivationCode(text)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['LPA:', 'format'],
    ['smdp.example.com', 'format'],
    ['LPA:1$smdp.example.com', 'format'],
    ['LPA:1$smdp.example.com$ABC$1.2.3$1$extra', 'format'],
    ['LPA:1$smdp.example.com$ABC$not-an-oid', 'format'],
    ['LPA:1$smdp.example.com$ABC$1.2.3$2', 'format'],
    ['LPA:1$smdp.example.com$ABC$', 'format'],
    ['LPA:2$smdp.example.com$ABC', 'version'],
    ['LPA:$smdp.example.com$ABC', 'version'],
    ['LPA:1$$ABC', 'address'],
    ['LPA:1$localhost$ABC', 'address'],
    ['LPA:1$192.168.0.1$ABC', 'address'],
    ['LPA:1$smdp.example.com:8443$ABC', 'address'],
    ['LPA:1$-smdp.example.com$ABC', 'address'],
    ['LPA:1$smdp..example.com$ABC', 'address'],
    ['LPA:1$https://smdp.example.com$ABC', 'address'],
    ['LPA:1$smdp.example.com$', 'matching-id'],
    ['LPA:1$smdp.example.com$abc-123', 'matching-id'],
    ['LPA:1$smdp.example.com$ABC 123', 'matching-id'],
    ['LPA:1$smdp.example.com$ABC_123', 'matching-id'],
  ])('rejects %j with %s', (text, code) => {
    expect(parseActivationCode(text)).toMatchObject({ ok: false, error: { code } });
  });
});

describe('formatActivationCode', () => {
  it('writes the QR form, with the empty OID field when only the flag follows', () => {
    expect(formatActivationCode({ smdpAddress: 'smdp.example.com', matchingId: 'ABC' })).toBe(
      'LPA:1$smdp.example.com$ABC',
    );
    expect(
      formatActivationCode({
        smdpAddress: 'smdp.example.com',
        matchingId: 'ABC',
        confirmationCodeRequired: true,
      }),
    ).toBe('LPA:1$smdp.example.com$ABC$$1');
    expect(
      formatActivationCode(
        { smdpAddress: 'smdp.example.com', matchingId: 'ABC', oid: '1.2.3' },
        { qr: false },
      ),
    ).toBe('1$smdp.example.com$ABC$1.2.3');
  });

  it('round-trips through parseActivationCode', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
    const parts = fc.record({
      smdpAddress: fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => `${labels.join('.')}.com`),
      matchingId: fc.stringMatching(/^[A-Z0-9-]{1,40}$/),
      oid: fc.option(
        fc.array(fc.nat(99999), { minLength: 1, maxLength: 6 }).map((arcs) => `1.${arcs.join('.')}`),
        { nil: undefined },
      ),
      confirmationCodeRequired: fc.boolean(),
    });
    fc.assert(
      fc.property(parts, fc.boolean(), (p, qr) => {
        const { oid, ...rest } = p;
        const expected = oid === undefined ? rest : p;
        expect(parseActivationCode(formatActivationCode(p, { qr }))).toEqual({ ok: true, ...expected });
      }),
    );
  });
});
