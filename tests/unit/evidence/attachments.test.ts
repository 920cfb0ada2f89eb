import { describe, expect, it } from 'vitest';
import { ATTACHMENT_RULES, SCREENSHOT_TAGS, checkAttachment } from '../../../lib/evidence/attachments';

const MB = 1024 * 1024;

describe('checkAttachment', () => {
  it.each([
    [{ name: 'settings.png', type: 'image/png', size: 2 * MB }, 'image/png'],
    [{ name: 'networks.JPG', type: '', size: 1 * MB }, 'image/jpeg'],
    [{ name: 'shot.webp', type: 'image/webp', size: 1000 }, 'image/webp'],
    [{ name: 'report.pdf', type: 'application/pdf', size: 1000 }, 'application/pdf'],
    [{ name: 'device.log', type: 'application/octet-stream', size: 1000 }, 'text/plain'],
    [{ name: 'session.har', type: '', size: 3 * MB }, 'application/json'],
    [{ name: 'session.har', type: 'application/json', size: 3 * MB }, 'application/json'],
    [{ name: 'response.json', type: 'application/json; charset=utf-8', size: 10 }, 'application/json'],
  ])('accepts %j as %s', (file, type) => {
    expect(checkAttachment(file, 0)).toEqual({ ok: true, type });
  });

  it.each([
    [{ name: 'tool.exe', type: 'application/x-msdownload', size: 1000 }, 0, 'type'],
    [{ name: 'clip.mp4', type: 'video/mp4', size: 1000 }, 0, 'type'],
    [{ name: 'page.html', type: 'text/html', size: 1000 }, 0, 'type'],
    [{ name: 'noext', type: '', size: 1000 }, 0, 'type'],
    [{ name: 'empty.png', type: 'image/png', size: 0 }, 0, 'size'],
    [{ name: 'huge.png', type: 'image/png', size: 10 * MB + 1 }, 0, 'size'],
    [{ name: 'last.png', type: 'image/png', size: 5 * MB }, 36 * MB, 'total'],
  ])('refuses %j (existing %d) with %s', (file, existing, code) => {
    const result = checkAttachment(file, existing);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('accepts a file that exactly reaches the limits', () => {
    expect(
      checkAttachment({ name: 'a.png', type: 'image/png', size: ATTACHMENT_RULES.maxFileBytes }, 30 * MB).ok,
    ).toBe(true);
  });
});

describe('SCREENSHOT_TAGS', () => {
  it('has the two screenshots eSIM Go asks for (seed 000) and "other", labelled in en and fr', () => {
    expect(SCREENSHOT_TAGS.map((t) => t.id)).toEqual(['esim-settings', 'connected-networks', 'other']);
    for (const tag of SCREENSHOT_TAGS) {
      expect(tag.label.en).not.toBe('');
      expect(tag.label.fr).not.toBe('');
    }
  });
});
