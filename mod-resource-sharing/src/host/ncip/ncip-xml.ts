// XML plumbing for NCIP: a small element builder/serialiser and a safe parser that turns a
// document into a namespace-resolved tree of local names. No DTDs, no entities beyond XML's own.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// ---- building ------------------------------------------------------------------------------

export interface XmlElement {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: XmlElement[];
}

export type XmlChild = XmlElement | null | undefined | false;

/** An element with text content, or with child elements (null/undefined/false children are dropped). */
export function el(name: string, content?: string | XmlChild[], attrs?: Record<string, string>): XmlElement {
  if (typeof content === 'string') return { name, text: content, attrs };
  const children = (content ?? []).filter((c): c is XmlElement => Boolean(c));
  return { name, children, attrs };
}

/** An element only when its text is present; lets callers write optional fields inline. */
export function opt(name: string, text: string | undefined, attrs?: Record<string, string>): XmlElement | null {
  return text === undefined || text === '' ? null : el(name, text, attrs);
}

// XML 1.0 forbids most control characters even as references: drop them.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) {
    out.push(`${pad}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`);
  } else if (!node.children || node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) write(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return out.join('\n') + '\n';
}

// ---- parsing -------------------------------------------------------------------------------

/** A parsed element: local name, resolved namespace URI ('' when none), attributes by local name. */
export interface XNode {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  text: string;
  children: XNode[];
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true, // decodes numeric character references (&#38;)
});

type OrderedNode = Record<string, unknown>;

function localName(qname: string): [prefix: string, local: string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

function convert(entry: OrderedNode, scope: Map<string, string>): XNode | null {
  const tag = Object.keys(entry).find((k) => k !== ':@');
  if (!tag || tag === '#text' || tag.startsWith('?')) return null;
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, string>;
  let inner = scope;
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      inner.set(k === 'xmlns' ? '' : k.slice(6), v);
    }
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attrs[localName(k)[1]] = String(v);
  }
  const [prefix, name] = localName(tag);
  const node: XNode = { name, ns: inner.get(prefix) ?? '', attrs, text: '', children: [] };
  const content = entry[tag];
  if (Array.isArray(content)) {
    for (const c of content as OrderedNode[]) {
      if ('#text' in c) node.text += String(c['#text']);
      else {
        const child = convert(c, inner);
        if (child) node.children.push(child);
      }
    }
  }
  node.text = node.text.trim();
  return node;
}

/**
 * Parse an XML document into its root element. Refuses DTDs and entity declarations before
 * parsing (NCIP never needs them; they are the door to XXE and entity expansion attacks) and
 * rejects documents that are not well-formed.
 */
export function parseXml(xml: string): XNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlSyntaxError('DTDs and entity declarations are not accepted');
  const check = XMLValidator.validate(xml);
  if (check !== true) throw new XmlSyntaxError(`Not well-formed XML: ${check.err.msg} (line ${check.err.line})`);
  const doc = parser.parse(xml) as OrderedNode[];
  for (const entry of doc) {
    const root = convert(entry, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
    if (root) return root;
  }
  throw new XmlSyntaxError('No root element');
}

// ---- reading a parsed tree -----------------------------------------------------------------

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Text of a direct child (or of a path of children), undefined when absent. */
export function textAt(node: XNode | undefined, ...path: string[]): string | undefined {
  let cur = node;
  for (const p of path) cur = child(cur, p);
  return cur ? cur.text : undefined;
}
