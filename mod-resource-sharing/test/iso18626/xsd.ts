// Validates documents against the official ISO 18626 schemas (reference files, see
// test/support/shared.ts: the calling test is skipped when they are missing) with xmllint-wasm.
// One call per batch: xmllint-wasm instantiates WebAssembly on every call (the slow part).
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { referenceFile } from '../../../test/support/shared.ts';
import type { Iso18626Version } from '../../src/iso18626/index.ts';

const SCHEMA_FILE: Record<Iso18626Version, string> = {
  '2017': 'ISO-18626-v1_2.xsd',
  '2021': 'ISO-18626-2021-2.xsd',
};

const schemaCache = new Map<Iso18626Version, string>();

function schemaText(ctx: Mocha.Context, version: Iso18626Version): string {
  let text = schemaCache.get(version);
  if (!text) {
    text = readFileSync(referenceFile(ctx, 'standards', 'iso18626', SCHEMA_FILE[version]), 'utf8');
    schemaCache.set(version, text);
  }
  return text;
}

/** Validates every document (name -> XML) against the schema of `version`; returns the errors per name. */
export async function validateAgainstXsd(
  ctx: Mocha.Context,
  version: Iso18626Version,
  docs: Record<string, string>,
): Promise<{ valid: boolean; errorsByName: Record<string, string[]> }> {
  const names = Object.keys(docs);
  // File names must be plain: map each to a safe one and back.
  const files = names.map((name, i) => ({ fileName: `doc${i}.xml`, contents: docs[name] }));
  const result = await validateXML({
    xml: files,
    schema: [{ fileName: SCHEMA_FILE[version], contents: schemaText(ctx, version) }],
  });
  const errorsByName: Record<string, string[]> = {};
  for (const err of result.errors) {
    const index = err.loc ? Number(/doc(\d+)\.xml/.exec(err.loc.fileName)?.[1]) : NaN;
    const name = Number.isInteger(index) ? names[index] : '(unknown file)';
    (errorsByName[name] ??= []).push(err.message);
  }
  return { valid: result.valid, errorsByName };
}
