// Writes docs/state-models.md from the state model data.
// Run: npx tsx scripts/generate-state-model-docs.ts   (add --check to only verify it is up to date)

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listModels, renderStateModelDocs } from '../mod-resource-sharing/src/statemodel/index.ts';

export const STATE_MODEL_DOCS_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'state-models.md');

export function renderCurrentDocs(): string {
  return renderStateModelDocs(listModels());
}

function main(): void {
  const rendered = renderCurrentDocs();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(STATE_MODEL_DOCS_PATH, 'utf8');
    } catch {
      // missing file counts as out of date
    }
    if (current !== rendered) {
      console.error(`${STATE_MODEL_DOCS_PATH} is out of date; run: npx tsx scripts/generate-state-model-docs.ts`);
      process.exit(1);
    }
    console.log(`${STATE_MODEL_DOCS_PATH} is up to date`);
    return;
  }
  writeFileSync(STATE_MODEL_DOCS_PATH, rendered);
  console.log(`wrote ${STATE_MODEL_DOCS_PATH}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
