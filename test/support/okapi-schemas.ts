// Okapi's own JSON schemas (../shared/folio/okapi: draft-04, relative $refs between files).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { SHARED_DIR } from './shared.ts';

export type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/**
 * A validator for one of Okapi's own JSON schemas (../shared/folio/okapi), or a line saying what is
 * missing when the reference schemas are not beside the checkout.
 */
export function okapiSchema(name: string): Validate | string {
  const dir = path.join(SHARED_DIR, 'folio', 'okapi');
  if (!existsSync(path.join(dir, name))) return `Okapi's ${name} not found under ${dir} (set SHARED_DIR to check against it)`;
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('example'))) {
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    delete schema.id;
    ajv.addSchema(schema, pathToFileURL(path.join(dir, file)).href);
  }
  return ajv.getSchema(pathToFileURL(path.join(dir, name)).href) as Validate;
}
