// One member of staff in their own browser context (own localStorage, so own login), with the
// steps the loan test needs, each driven through the UI the way a person would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EN = JSON.parse(readFileSync(path.join(ROOT, 'ui-resource-sharing/translations/ui-resource-sharing/en.json'), 'utf8')) as Record<string, string>;

/** The English label the UI shows for a translation key (without the module prefix). */
export function en(key: string): string {
  const value = EN[key];
  assert.ok(value, `no English translation for ${key}`);
  return value;
}

export class StaffSession {
  private shots = 0;

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
    private readonly shotDir: string,
  ) {}

  static async open(browser: Browser, name: string, baseUrl: string, shotDir: string): Promise<StaffSession> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return new StaffSession(name, context, page, baseUrl, shotDir);
  }

  /** Saves a screenshot named after the step, numbered in order across the session. */
  async shot(step: string, counter: { n: number }): Promise<void> {
    counter.n += 1;
    this.shots += 1;
    const file = path.join(this.shotDir, `${String(counter.n).padStart(2, '0')}-${this.name}-${step}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
  }

  async login(tenant: string, username: string, password: string): Promise<void> {
    const { page } = this;
    await page.goto(`${this.baseUrl}/`);
    await page.selectOption('#input-tenant', tenant);
    await page.fill('#input-username', username);
    await page.fill('#input-password', password);
    await page.click('#clickable-login');
    await page.locator('#main-nav').waitFor();
  }

  async goto(route: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${route}`);
  }

  /** The value of the request detail's key-value with this label. */
  keyValue(label: string) {
    // KeyValue renders its label, then the value (`data-test-kv-value`): found by what the real one renders, not by class
    return this.page
      .locator('#rs-request-detail')
      .locator(`xpath=.//*[@data-test-kv-value][normalize-space(preceding-sibling::*[1])="${label}"]`);
  }

  /** Reloads the detail page until the request shows `state` (messages travel between libraries asynchronously). */
  async waitForState(stateCode: string, timeoutMs = 15_000): Promise<void> {
    const label = en(`state.${stateCode}`);
    const deadline = Date.now() + timeoutMs;
    let seen = '';
    for (;;) {
      seen = (await this.keyValue(en('request.state')).textContent({ timeout: 5_000 }).catch(() => '')) ?? '';
      if (seen.trim() === label) return;
      if (Date.now() > deadline) assert.fail(`${this.name}: request did not reach "${label}" (shows "${seen}")`);
      await this.page.waitForTimeout(300);
      await this.page.reload();
    }
  }

  /** Opens the request detail pane header's Actions menu and chooses the action (opens its form). */
  async chooseAction(code: string): Promise<void> {
    const { page } = this;
    await page.click('#rs-request-detail [data-test-pane-header-actions-button]');
    await page.click(`#rs-action-${code}`);
  }

  /** Chooses the action in the Actions menu, fills its form and confirms it; waits for the success callout. */
  async act(code: string, fields: Record<string, string> = {}): Promise<void> {
    const { page } = this;
    await this.chooseAction(code);
    for (const [name, value] of Object.entries(fields)) await page.fill(`#rs-action-${code}-${name}`, value);
    await page.click(`#rs-action-submit-${code}`);
    // success ("Will supply: done.") or failure ("Will supply failed: ...") both name the action
    const callout = page.locator('[data-test-callout]', { hasText: en(`action.${code}`) }).last();
    await callout.waitFor();
    const text = (await callout.textContent()) ?? '';
    assert.ok(text.includes(en('action.done').replace('{action}', en(`action.${code}`))), `${this.name}: ${code}: ${text}`);
    for (const close of await page.locator('[data-test-callout-close-button]').all()) await close.click().catch(() => {});
  }

  /** Scans `value` on the scan page of `workflow` (receive, ship, return); answers the confirmation shown. */
  async scan(workflow: 'receive' | 'return', value: string): Promise<string> {
    const { page } = this;
    await this.goto(`/resource-sharing/scan/${workflow}`);
    await page.fill('#rs-scan-input', value);
    await page.press('#rs-scan-input', 'Enter');
    const result = page.locator('#rs-scan-result');
    await result.waitFor();
    return ((await result.textContent()) ?? '').trim();
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
