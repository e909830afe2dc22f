/**
 * Driving the console the way a person does, by the names a screen reader reads out: the Actions menu of the
 * current page, the dialog an action opens, and the notice or AWS error the page shows afterwards.
 */
import type { Locator, Page } from 'playwright-core';

/** Opens the Actions menu and picks `action`; returns the dialog it opened. */
export async function openAction(page: Page, action: string, dialogName: RegExp): Promise<Locator> {
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  return dialog;
}

/** Waits for the page's success notice containing `text` and returns its whole text. */
export async function noticeContaining(page: Page, text: string | RegExp): Promise<string> {
  const notice = page.getByRole('status').filter({ hasText: text });
  await notice.waitFor();
  return notice.innerText();
}

/** The AWS error (code and message) shown in `scope` (a dialog or the page). */
export async function shownError(scope: Locator | Page): Promise<string> {
  const alert = scope.getByRole('alert');
  await alert.waitFor();
  return alert.innerText();
}

/** Clicks the dialog's `button` and waits until the dialog is gone (it closes only once EC2 accepted the action). */
export async function submitDialog(dialog: Locator, button: string): Promise<void> {
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}
