/**
 * Issue 17: the agent's interactions, counted. A journey spec drives the page only through this
 * counter, so its step budget is the number of things an agent does by hand:
 * - a click (a button, a link, a field clicked into, a choice in a select: opening it and picking are
 *   two clicks, as with a mouse);
 * - a key press that is not typing (Enter, Escape, Tab, a shortcut, Ctrl+V);
 * - a focus change by hand: typing into a field that does not already have the focus costs the click
 *   that puts it there; typing into the field the product focused for us is free.
 * Typing text itself is free: the journey is about the steps around it, not the words.
 * Steps the browser offers no headless way to take (a context-menu item, a text selection by drag) are
 * counted with {@link Steps.manual}, naming what the agent did.
 */
import type { Locator, Page } from '@playwright/test';

export class Steps {
  private log: string[] = [];

  /** How many interactions so far. */
  get count(): number {
    return this.log.length;
  }

  /** What was counted, in order (printed when a budget is exceeded). */
  get trail(): readonly string[] {
    return this.log;
  }

  private add(what: string) {
    this.log.push(what);
  }

  /** One click on the target. */
  async click(target: Locator, what = 'click') {
    await target.click();
    this.add(what);
  }

  /** A key that is not typing (Escape, Enter, a shortcut), on whatever has the focus. */
  async press(page: Page | Locator, key: string) {
    if ('keyboard' in page) await page.keyboard.press(key);
    else await page.press(key);
    this.add(`key ${key}`);
  }

  /** Types text into a field; the click into it counts unless the field already has the focus. */
  async type(field: Locator, text: string) {
    const focused = await field.evaluate((el) => el === el.ownerDocument.activeElement && el.ownerDocument.hasFocus());
    if (!focused) {
      await field.click();
      this.add('focus field');
    }
    await field.press('End');
    await field.pressSequentially(text, { delay: 2 });
  }

  /** Pastes the clipboard into a field (Ctrl+V), after clicking into it unless it has the focus. */
  async paste(field: Locator) {
    const focused = await field.evaluate((el) => el === el.ownerDocument.activeElement && el.ownerDocument.hasFocus());
    if (!focused) {
      await field.click();
      this.add('focus field');
    }
    await field.press('ControlOrMeta+V');
    this.add('key Ctrl+V');
  }

  /** Chooses an option of a `<select>`: open it, pick (two clicks). */
  async select(field: Locator, option: { label: string } | string) {
    await field.selectOption(option);
    this.add('open select');
    this.add('pick option');
  }

  /** Ticks or unticks a checkbox (one click). */
  async check(box: Locator, checked = true) {
    await box.setChecked(checked);
    this.add('checkbox');
  }

  /** A step the harness takes for the agent (no headless equivalent); counted all the same. */
  manual(what: string, times = 1) {
    for (let i = 0; i < times; i += 1) this.add(what);
  }
}
