/**
 * The background's one connection to the drafts database (opened lazily, on first use), with the vendors'
 * secret-field policy read from `browser.storage` (DESIGN §2): the drafts port writes through it.
 */
import { browser } from 'wxt/browser';
import type { HelpdeskDb } from '../../lib/db';
import { openExtensionDb } from '../../lib/db/extension-db';

let db: HelpdeskDb | undefined;
export const database = (): HelpdeskDb => (db ??= openExtensionDb(browser.storage));
