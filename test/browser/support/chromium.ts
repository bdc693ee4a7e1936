// Debian's Chromium through playwright-core (no browser download). Browser tests skip with a
// clear message when it is not installed; CI installs it (.ci/run).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** test-artifacts/<name>/ (gitignored), created on demand. */
export function artifactDir(name: string): string {
  const dir = path.join(ROOT, 'test-artifacts', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
