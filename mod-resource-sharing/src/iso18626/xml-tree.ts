// One strict pass over an inbound XML document: saxes (an XML 1.0 conformant SAX parser) checks
// well-formedness and, in the same pass, builds the plain tree the ISO 18626 readers walk:
//
// - element local names as keys: any namespace prefix is dropped, so `ill:request`, `x:request`
//   and `request` under a default namespace read alike (namespace declarations are not checked:
//   peers send undeclared or odd prefixes, and the reader is tolerant about names);
// - attributes as `@_<localName>`, namespace declarations (`xmlns`, `xmlns:*`) dropped;
// - a leaf's text as a string ('' for an empty element); an element with attributes or children
//   as an object, its text (all of its own text, concatenated) under `#text` when there is any;
// - a repeated element as an array, in document order.
//
// Text is exactly what XML defines: the five predefined entities and character references decoded
// once (`&amp;#38;` stays `&#38;`), CDATA literal, comments and processing instructions dropped,
// line ends normalised to `\n` while a referenced carriage return (`&#13;`) stays `\r`. Any
// well-formedness error (an undeclared entity, a mismatched closing tag, two roots, text after the
// root, a character XML 1.0 forbids, literal or referenced) stops the pass with saxes's reason and
// line; so does a DOCTYPE, as soon as it has been read (saxes neither expands the entities it
// declares nor fetches external ones; ISO 18626 needs none, so the document is refused).
// Nothing here recurses: the open elements live on an array, so hostile nesting cannot overflow
// the call stack. The caller refuses DTDs and oversize bodies before this runs.

import { SaxesParser, type SaxesTagPlain } from 'saxes';

export type XmlTree = Record<string, unknown>;

export interface XmlTreeFailure {
  ok: false;
  /** not-well-formed: saxes's reason; doctype: the document has a DTD; too-deep: see MAX_DEPTH. */
  problem: 'not-well-formed' | 'doctype' | 'too-deep';
  reason: string;
  line: number;
}

export type XmlTreeResult = { ok: true; tree: XmlTree } | XmlTreeFailure;

/**
 * The deepest nesting read (ISO 18626 itself needs 7 levels). Deeper documents are refused, as
 * fast-xml-parser (the reader before this one) did at the same depth: nothing a partner legitimately
 * sends comes close, and the tree of a hostile one stays small.
 */
export const MAX_DEPTH = 100;

class TooDeep extends Error {}
class DoctypeFound extends Error {}

interface Frame {
  name: string;
  /** Attributes and children; undefined while the element is a plain leaf. */
  node: XmlTree | undefined;
  text: string;
}

/** The part of a qualified name after its prefix (`ill:request` → `request`). */
function localName(qualified: string): string {
  const colon = qualified.lastIndexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** Adds a child value under `name`, turning a repeated name into an array. */
function addChild(node: XmlTree, name: string, value: unknown): void {
  if (!Object.hasOwn(node, name)) {
    // `__proto__` as a plain assignment would replace the prototype instead of adding a key.
    if (name === '__proto__') Object.defineProperty(node, name, { value, enumerable: true, writable: true, configurable: true });
    else node[name] = value;
    return;
  }
  const existing = node[name];
  // Values are strings or plain objects; only this function makes arrays.
  if (Array.isArray(existing)) existing.push(value);
  else node[name] = [existing, value];
}

// The parser and its handlers are made once and reused: saxes resets itself after a completed
// document. Parsing is synchronous, so one parser serves every call; after an error it is replaced,
// since its state is then mid-document.
let stack: Frame[] = [];
let root: XmlTree = {};

function onOpenTag(tag: SaxesTagPlain): void {
  const frame: Frame = { name: localName(tag.name), node: undefined, text: '' };
  const attributes = tag.attributes;
  for (const qualified in attributes) {
    if (qualified === 'xmlns' || qualified.startsWith('xmlns:')) continue;
    // Two attributes with one local name (`ill:scheme` and `scheme`): the last one wins.
    frame.node ??= {};
    frame.node[`@_${localName(qualified)}`] = attributes[qualified];
  }
  if (stack.push(frame) > MAX_DEPTH) throw new TooDeep();
}

function onText(text: string): void {
  const top = stack[stack.length - 1];
  // Only whitespace can stand outside the root (saxes refuses anything else).
  if (top !== undefined) top.text += text;
}

function onCloseTag(): void {
  const frame = stack.pop();
  if (frame === undefined) return;
  let value: unknown;
  if (frame.node === undefined) {
    value = frame.text;
  } else {
    if (frame.text !== '') frame.node['#text'] = frame.text;
    value = frame.node;
  }
  const parent = stack[stack.length - 1];
  if (parent === undefined) {
    addChild(root, frame.name, value);
  } else {
    parent.node ??= {};
    addChild(parent.node, frame.name, value);
  }
}

function onDoctype(): void {
  // Reported once the DOCTYPE (internal subset included, read as text) ends, before any element.
  throw new DoctypeFound();
}

function newParser(): SaxesParser<{ xmlns: false }> {
  // ISO 18626 is XML 1.0: its character and line-end rules apply whatever version the declaration names.
  const parser = new SaxesParser({ xmlns: false, defaultXMLVersion: '1.0', forceXMLVersion: true });
  parser.on('doctype', onDoctype);
  parser.on('opentag', onOpenTag);
  parser.on('closetag', onCloseTag);
  parser.on('text', onText);
  parser.on('cdata', onText);
  return parser;
}

let parser = newParser();

/** Reads a whole document into the tree, or says why it is not well-formed. Never throws for bad input. */
export function readXmlTree(xml: string): XmlTreeResult {
  stack = [];
  root = {};
  try {
    parser.write(xml).close();
    const tree = root;
    return { ok: true, tree };
  } catch (e) {
    const { line, position } = parser;
    parser = newParser();
    if (e instanceof TooDeep) return { ok: false, problem: 'too-deep', reason: `elements nested more than ${MAX_DEPTH} deep`, line };
    if (e instanceof DoctypeFound) return { ok: false, problem: 'doctype', reason: 'DOCTYPE', line };
    const message = e instanceof Error ? e.message : String(e);
    // saxes prefixes "<line>:<column>: " and ends most reasons with a full stop.
    let reason = message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    if (/entity$/.test(reason)) {
      // saxes does not name the reference; it has just read it, up to its semicolon.
      const start = xml.lastIndexOf('&', position - 1);
      const reference = start < 0 ? '' : xml.slice(start, Math.min(position, start + 42));
      if (/^&[^\s&<]*;$/.test(reference)) reason += ` ${reference}`;
    }
    return { ok: false, problem: 'not-well-formed', reason, line };
  } finally {
    stack = [];
    root = {};
  }
}
