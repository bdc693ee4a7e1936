// FOLIO's own JSON schemas (draft-04) compiled with ajv, each file registered under its absolute
// file:// URL so the relative $refs between files resolve. A failed validation comes back as FOLIO
// errors[] the way a FOLIO module answers a 422.
//
// The schemas are reference material, not part of this repository: they are looked for in
// $SHARED_DIR/folio, else ../shared/folio beside the checkout. Without them the simulator runs
// without body validation (its business rules still apply) and says so once. This file is the only
// place in the product path that may name SHARED_DIR or ../shared (test/product-boundary.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

// CommonJS module: its export is the class, which also carries itself as `default`.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** Where FOLIO's JSON schemas are looked for: $SHARED_DIR/folio, else ../shared/folio beside the checkout. */
export function defaultSchemaRoot(env: NodeJS.ProcessEnv = process.env): string {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.join(env.SHARED_DIR ?? path.resolve(repo, '..', 'shared'), 'folio');
}

export interface FolioErrorEntry {
  message: string;
  type?: string;
  code?: string;
  parameters?: { key: string; value: string }[];
}

/** Which schema file checks which body. */
export const SCHEMA_FILES = {
  instance: 'inventory/schemas/instance-storage/instance.json',
  holdings: 'inventory/schemas/holdings-storage/holdingsRecord.json',
  item: 'inventory/schemas/item-storage/item.json',
  servicePoint: 'inventory/schemas/service-points/servicepoint.json',
  location: 'inventory/schemas/locations/location.json',
  instanceType: 'inventory/schemas/instance-types/instancetype.json',
  materialType: 'inventory/schemas/material-types/materialtype.json',
  loanType: 'inventory/schemas/loan-types/loantype.json',
  holdingsSource: 'inventory/schemas/holdings-sources/holdingsRecordsSource.json',
  statisticalCode: 'inventory/schemas/statistical-codes/statisticalcode.json',
  request: 'circulation/request.json',
  checkIn: 'circulation/check-in-by-barcode-request.json',
  checkOut: 'circulation/check-out-by-barcode-request.json',
  changeDueDate: 'circulation/change-due-date-request.json',
  renewById: 'circulation/renew-by-id-request.json',
  renewByBarcode: 'circulation/renew-by-barcode-request.json',
  user: 'users/userdata.json',
  group: 'users/usergroup.json',
} as const;

export type SchemaName = keyof typeof SCHEMA_FILES;

const SCHEMA_DIRS = ['inventory', 'circulation', 'users', 'patron-blocks', 'raml-common'];

function schemaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'examples') out.push(...schemaFiles(full));
    } else if (entry.name.endsWith('.json') || entry.name.endsWith('.schema')) {
      out.push(full);
    }
  }
  return out;
}

function fieldPath(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return base ? `${base}.${missing}` : missing;
  }
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    return base ? `${base}.${extra}` : extra;
  }
  return base;
}

function valueAt(body: unknown, dotted: string): unknown {
  let cur: unknown = body;
  for (const part of dotted.split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** One ajv error in FOLIO's words (RMB answers unknown fields and missing required ones like this). */
function toFolioError(e: ErrorObject, body: unknown): FolioErrorEntry {
  const key = fieldPath(e);
  const value = valueAt(body, key);
  const shown = value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
  if (e.keyword === 'additionalProperties') {
    return { message: `Unrecognized field "${key}"`, type: '1', code: '-1', parameters: [{ key, value: shown }] };
  }
  if (e.keyword === 'required') {
    return { message: `${key} must not be null`, type: '1', code: '-1', parameters: [{ key, value: 'null' }] };
  }
  return { message: `${key || 'body'} ${e.message ?? 'is invalid'}`, type: '1', code: '-1', parameters: [{ key, value: shown }] };
}

export class FolioSchemas {
  private readonly ajv: InstanceType<typeof Ajv04>;
  private readonly compiled = new Map<SchemaName, ValidateFunction>();
  readonly root: string;
  /** false when the schemas were not found: check() then accepts every body */
  readonly available: boolean;

  constructor(root = defaultSchemaRoot()) {
    this.root = root;
    this.available = fs.existsSync(path.join(root, SCHEMA_FILES.group));
    this.ajv = new Ajv04({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    for (const dir of this.available ? SCHEMA_DIRS : []) {
      const abs = path.join(root, dir);
      if (!fs.existsSync(abs)) continue;
      for (const file of schemaFiles(abs)) {
        let schema: Record<string, unknown>;
        try {
          schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        } catch {
          continue; // not JSON (a sample or RAML fragment)
        }
        if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) continue;
        const id = pathToFileURL(file).href;
        this.ajv.addSchema({ ...schema, id }, id);
      }
    }
  }

  private validator(name: SchemaName): ValidateFunction {
    let v = this.compiled.get(name);
    if (!v) {
      const id = pathToFileURL(path.join(this.root, SCHEMA_FILES[name])).href;
      const found = this.ajv.getSchema(id);
      if (!found) throw new Error(`FOLIO schema ${SCHEMA_FILES[name]} not found under ${this.root}`);
      this.compiled.set(name, found);
      return found;
    }
    return v;
  }

  /** One line saying whether bodies are validated, and against what. */
  get notice(): string {
    return this.available
      ? `FOLIO simulator: bodies validated against FOLIO's JSON schemas in ${this.root}`
      : `FOLIO simulator: FOLIO's JSON schemas not found in ${this.root}; bodies are not validated (set SHARED_DIR to a folder holding folio/ to validate)`;
  }

  /** FOLIO errors for `body`, empty when it satisfies the schema (or when no schemas are available). */
  check(name: SchemaName, body: unknown): FolioErrorEntry[] {
    if (!this.available) return [];
    const validate = this.validator(name);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => toFolioError(e, body));
  }
}

let shared: FolioSchemas | undefined;

/** One compiled set per process: compiling the inventory schemas takes a moment. */
export function folioSchemas(): FolioSchemas {
  shared ??= new FolioSchemas();
  return shared;
}
