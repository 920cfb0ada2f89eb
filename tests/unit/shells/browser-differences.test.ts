/**
 * Issue 20: the toolbar button's menu context differs per manifest version — `contextMenus.create` with
 * `action` throws in Firefox MV2, so "Open the Helpdesk Assistant sidebar" never appeared there.
 */
import { describe, expect, it } from 'vitest';
import { TOOLBAR_MENU_CONTEXT, toolbarMenuContext } from '../../../entrypoints/background/browser-differences';

describe('browser differences (issue 20)', () => {
  it('uses browser_action in Firefox MV2 and action in MV3', () => {
    expect(toolbarMenuContext(2)).toBe('browser_action');
    expect(toolbarMenuContext(3)).toBe('action');
    // Tests run as the Chrome MV3 build.
    expect(TOOLBAR_MENU_CONTEXT).toBe('action');
  });
});
