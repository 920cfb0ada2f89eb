/**
 * Issue 20: the main flows, in Firefox ESR, with the add-on installed as a temporary add-on — portal
 * page → toggle → sidebar with the subscriber context → Add plan mismatch stopped → escalate → ticket
 * prefilled → typed text survives closing the tab → popup quick ticket. One browser for the whole file
 * (a Firefox start costs ~10 s on this machine); each test opens its own tabs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE,
  byLabel,
  clickButton,
  clickShadow,
  launch,
  open,
  shadowText,
  shadowTexts,
  sidebarFrame,
  storedRows,
  subscriber,
  typeInSidebar,
  valueOf,
  waitFor,
  waitForValue,
} from './harness.mjs';

let firefox;
before(async () => {
  firefox = await launch();
});
after(async () => {
  await firefox?.close();
});

const portal = (p) => new URL(p, firefox.portalUrl).href;
const listedIccids = (frame) =>
  frame.evaluate(() =>
    [...document.querySelectorAll('[data-iccid]')].map((e) => e.getAttribute('data-iccid')),
  );
const submissions = (page) => page.evaluate(() => globalThis.__portalSubmissions.length);

test('the toggle opens the sidebar, which shows the subscriber context', async () => {
  const amira = subscriber('S-1001');
  const page = await open(firefox.browser, portal(amira.url));
  await waitFor(
    () => page.evaluate((name) => document.querySelector('h1')?.textContent === name, amira.name),
    'the portal page',
  );
  await clickShadow(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebarFrame(page);
  await waitForValue(
    () => listedIccids(frame),
    amira.validIccids,
    "the sidebar's list of the page's valid ICCIDs",
  );
  const text = await frame.evaluate(() => document.body.innerText);
  assert.ok(text.includes(amira.name), `the sidebar names the subscriber (got: ${text.slice(0, 200)})`);
  for (const invalid of amira.invalidIccids) assert.ok(!(await listedIccids(frame)).includes(invalid.digits));
  await page.close();
});

test('Add plan with the wrong IMSI profile is stopped in place', async () => {
  const amira = subscriber('S-1001');
  const spain = amira.esims[0];
  const page = await open(
    firefox.browser,
    portal(`/portal/subscribers/${amira.id}/add-plan?esim=${spain.iccid}`),
  );
  await waitFor(async () => (await shadowTexts(page)).includes('Plan check'), "the guard's verdict line");
  await page.select(
    '#add-plan-form select[name="plan"]',
    await page.$eval(
      '#add-plan-form select[name="plan"]',
      (s) => [...s.options].find((o) => o.text === 'Asia 1').value,
    ),
  );
  await waitFor(
    async () => (await shadowTexts(page)).includes('needs IMSI profile 10; this eSIM has profile 7'),
    'the mismatch verdict',
  );

  const before = await submissions(page);
  await page.click('#add-plan-form button[type="submit"]');
  const dialog = await waitFor(
    () => shadowText(page, 'alertdialog', 'Plan does not fit this eSIM'),
    'the guard dialog',
  );
  assert.ok(dialog.includes('"Asia 1" is set up for IMSI profile 10'), dialog);
  assert.ok(dialog.includes(`The eSIM ${spain.lineName} (${spain.iccidDisplay}) has IMSI profile 7`), dialog);
  assert.equal(await submissions(page), before, "the portal's submit handler did not run");

  // Escape cancels; the portal still received nothing.
  await page.keyboard.press('Escape');
  await waitFor(
    async () => (await shadowText(page, 'alertdialog', 'Plan does not fit this eSIM')) === '',
    'the dialog to close',
  );
  assert.equal(await submissions(page), before);
  await page.close();
});

test('a drafts tab: typed text survives closing the tab mid-word', async () => {
  const drafts = await open(firefox.browser, `${BASE}/drafts.html`);
  await (await byLabel(drafts, 'ICCID of the eSIM')).type('8944 5000 1225 1001 0013');
  await clickButton(drafts, 'Start');
  const id = await waitFor(
    () => drafts.evaluate(() => document.location.hash.replace('#draft=', '')),
    'the new draft in the URL',
  );
  await (await byLabel(drafts, 'Summary')).type('Activation stuck on', { delay: 5 });
  await drafts.close();

  const again = await open(firefox.browser, `${BASE}/drafts.html#draft=${id}`);
  await waitForValue(() => valueOf(again, 'Summary'), 'Activation stuck on', 'the summary after reopening');
  const rows = await storedRows(again, 'drafts');
  assert.deepEqual(
    rows.filter((d) => d.id === id).map((d) => d.summary),
    ['Activation stuck on'],
  );
  await again.close();
});

/**
 * Opens Lucas's page on `origin`, the sidebar with the toggle, and escalates his France eSIM. The
 * sidebar tests use the portal's other loopback name (localhost), where no earlier test left the
 * sidebar remembered open: in Firefox 153 a sidebar remembered open came up 0×0 in these runs (to be
 * looked at; a user reopening it with the toggle gets a working one).
 */
async function escalateFrance() {
  const lucas = subscriber('S-1002');
  const france = lucas.esims[0];
  const url = new URL(lucas.url, firefox.portalUrl);
  url.hostname = 'localhost';
  const page = await open(firefox.browser, url.href);
  await clickShadow(page, 'button', 'Helpdesk Assistant');
  const frame = await sidebarFrame(page);
  await clickButton(frame, new RegExp(`^Escalate (eSIM ${france.lineName}|ICCID ${france.iccidDisplay})$`));
  await waitForValue(() => valueOf(frame, 'ICCID'), france.iccid, 'the prefilled ICCID');
  return { page, frame, france };
}

const saveStatus = (frame) =>
  frame.evaluate(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status'));

/** The device type of every stored draft for that ICCID, read in a drafts tab (closed again). */
async function storedDevices(iccid) {
  const tab = await open(firefox.browser, `${BASE}/drafts.html`);
  try {
    return (await storedRows(tab, 'drafts'))
      .filter((d) => d.iccid === iccid)
      .map((d) => d.fields?.device ?? null);
  } finally {
    await tab.close();
  }
}

test('escalate from the sidebar: the ticket is prefilled, and saved text survives closing the tab', async () => {
  const { page, frame, france } = await escalateFrance();
  await typeInSidebar(page, frame, 'Device type', 'Pixel 8');
  await waitForValue(() => valueOf(frame, 'Device type'), 'Pixel 8', 'the typed device type');
  await waitForValue(() => saveStatus(frame), 'saved', 'the autosave');
  // Close the sidebar before the tab (a real click on the toggle), so the next test finds it closed.
  await clickShadow(page, 'button', 'Helpdesk Assistant');
  await page.close();
  assert.deepEqual(await storedDevices(france.iccid), ['Pixel 8']);
});

test('escalate from the sidebar: text typed just before the tab closes (mid-word) survives', async () => {
  const { page, frame, france } = await escalateFrance();
  await typeInSidebar(page, frame, 'Device type', 'iPhone 15 Pr');
  await page.close();
  await waitForValue(() => storedDevices(france.iccid), ['iPhone 15 Pr'], 'the typed device type, stored');
});

test('the popup quick ticket saves as you type and resumes the same draft', async () => {
  const lucas = subscriber('S-1002');
  const tokyo = lucas.esims[1];
  const page = await open(firefox.browser, portal(lucas.url));
  await waitFor(
    () => page.evaluate((name) => document.querySelector('h1')?.textContent === name, lucas.name),
    'the portal page',
  );
  const popupUrl = `${BASE}/popup.html`;
  let popup = await open(firefox.browser, popupUrl);
  // The portal shows two eSIMs: the popup offers both rather than guessing.
  await clickButton(popup, `Use ${tokyo.lineName} (…${tokyo.iccid.slice(-4)})`);
  await waitForValue(() => valueOf(popup, 'ICCID'), tokyo.iccidDisplay, "the chosen eSIM's ICCID");
  await (await byLabel(popup, 'Summary')).type('No data in Tok', { delay: 5 });
  await popup.close();

  popup = await open(firefox.browser, popupUrl);
  await waitForValue(() => valueOf(popup, 'Summary'), 'No data in Tok', 'the summary in a new popup');
  // Earlier tests left drafts of their own: this one is the only one with the popup's summary.
  const rows = (await storedRows(popup, 'drafts')).filter((d) => d.summary.startsWith('No data in Tok'));
  assert.deepEqual(
    rows.map((d) => [d.summary, d.iccid, d.subscriberName]),
    [['No data in Tok', tokyo.iccid, lucas.name]],
  );
  await popup.close();
  await page.close();
});
