// Where the reference material lives: ../shared beside the checkout, or SHARED_DIR (tests read it,
// never copy it). It holds the official ISO 18626 and NCIP schemas and samples and FOLIO's JSON
// schemas; a clone on its own has none of it, so every test that needs a file from it asks
// referenceFile() for the path, and is skipped with one line when the file is missing. CI
// (.ci/run) has the files and sets REQUIRE_REFERENCE_FILES=1: a missing file then fails the test.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(REPO_DIR, '..', 'shared');

/** Set (to 1) in CI: a missing reference file fails the test instead of skipping it. */
export const REQUIRE_REFERENCE_FILES = process.env.REQUIRE_REFERENCE_FILES === '1';

/** The line that says what is missing and how to point at it. */
export function missingReferenceLine(file: string): string {
  return `reference file missing: ${file} (a clone on its own has none; set SHARED_DIR to the folder holding standards/ and folio/, default ../shared)`;
}

const announced = new Set<string>();

/**
 * The path of the reference file or folder `parts` under SHARED_DIR, for the test (or, from a
 * `before` hook, the suite) running in `ctx`. When it is missing: with REQUIRE_REFERENCE_FILES=1
 * this throws (the test fails); otherwise it prints one line per missing path and skips.
 */
export function referenceFile(ctx: Mocha.Context, ...parts: string[]): string {
  const file = path.join(SHARED_DIR, ...parts);
  if (existsSync(file)) return file;
  const line = missingReferenceLine(file);
  if (REQUIRE_REFERENCE_FILES) throw new Error(`${line}; REQUIRE_REFERENCE_FILES=1 does not allow skipping`);
  if (!announced.has(file)) {
    announced.add(file);
    console.log(`      skipped: ${line}`);
  }
  return ctx.skip();
}
