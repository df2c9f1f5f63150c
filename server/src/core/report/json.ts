// A JSON parser that keeps a UTF-16 span for every value and key, never throws, recovers from
// syntax errors, notes duplicate member names (I-JSON, RFC 7493 §2.3) and uses an explicit
// stack, so deep nesting cannot overflow. Pure: imports only from inside the core.
import type { Span } from '../text/span';
import { printable, scanJson, type JsonToken } from './jsonTokens';

export interface JsonString { readonly kind: 'string'; readonly value: string; readonly span: Span }
export interface JsonNumber { readonly kind: 'number'; readonly value: number; readonly raw: string; readonly span: Span }
export interface JsonLiteral { readonly kind: 'boolean' | 'null'; readonly value: boolean | null; readonly span: Span }
export interface JsonMember {
  readonly key: JsonString;
  /** Null when the value is missing (a syntax error). */
  value: JsonNode | null;
}
export interface JsonObject { readonly kind: 'object'; readonly members: JsonMember[]; span: Span }
export interface JsonArray { readonly kind: 'array'; readonly items: JsonNode[]; span: Span }
export type JsonNode = JsonString | JsonNumber | JsonLiteral | JsonObject | JsonArray;

export interface JsonProblem {
  readonly kind: 'syntax' | 'duplicate-key';
  readonly message: string;
  readonly span: Span;
  /** For a duplicate key: the first member of that name. */
  readonly first?: Span;
}

export interface JsonParse {
  /** The top-level value; null only when the text holds no value at all. */
  readonly root: JsonNode | null;
  /** Syntax errors and duplicate keys in source order. */
  readonly problems: readonly JsonProblem[];
}

type Frame =
  | { readonly kind: 'object'; readonly node: JsonObject; state: 'first' | 'key' | 'colon' | 'value' | 'after'; readonly seen: Map<string, Span> }
  | { readonly kind: 'array'; readonly node: JsonArray; state: 'first' | 'value' | 'after' };

const MAX_PROBLEMS = 100;
const show = (t: JsonToken, text: string) => (t.type === 'eof' ? 'the end of the text' : `\`${printable(text.slice(t.span.start, Math.min(t.span.end, t.span.start + 20)))}\``);

/** Parses JSON text; every problem is returned with a span, nothing is thrown. */
export function parseJson(text: string): JsonParse {
  const problems: JsonProblem[] = [];
  const tokens = scanJson(text, (message, span) => problems.push({ kind: 'syntax', message, span }));
  const stack: Frame[] = [];
  let root: JsonNode | null = null;
  let done = false;
  const err = (message: string, span: Span) => problems.push({ kind: 'syntax', message, span });

  const attach = (node: JsonNode) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      done = node.kind !== 'object' && node.kind !== 'array';
    } else if (top.kind === 'array') {
      top.node.items.push(node);
      top.state = 'after';
    } else {
      top.node.members[top.node.members.length - 1]!.value = node;
      top.state = 'after';
    }
    if (node.kind === 'object') stack.push({ kind: 'object', node, state: 'first', seen: new Map() });
    if (node.kind === 'array') stack.push({ kind: 'array', node, state: 'first' });
  };
  const close = (end: number) => {
    const f = stack.pop()!;
    f.node.span = { start: f.node.span.start, end };
  };
  const addKey = (f: Frame & { kind: 'object' }, key: JsonString) => {
    const first = f.seen.get(key.value);
    if (first) problems.push({ kind: 'duplicate-key', message: `the member name "${key.value}" appears twice in one object; I-JSON forbids duplicate names, and readers disagree on which value counts`, span: key.span, first });
    else f.seen.set(key.value, key.span);
    f.node.members.push({ key, value: null });
    f.state = 'colon';
  };
  const valueOf = (t: JsonToken): JsonNode | null => {
    switch (t.type) {
      case '{': return { kind: 'object', members: [], span: t.span };
      case '[': return { kind: 'array', items: [], span: t.span };
      case 'string': return { kind: 'string', value: t.value, span: t.span };
      case 'number': return { kind: 'number', value: Number(t.raw), raw: t.raw, span: t.span };
      case 'word':
        if (t.raw === 'true' || t.raw === 'false') return { kind: 'boolean', value: t.raw === 'true', span: t.span };
        if (t.raw === 'null') return { kind: 'null', value: null, span: t.span };
        return null;
      default: return null;
    }
  };
  /** Closes frames up to the nearest one of `kind`, if there is one; reports the mismatch. */
  const closeMismatched = (t: JsonToken, kind: 'object' | 'array') => {
    const at = stack.map((f) => f.kind).lastIndexOf(kind);
    const want = stack[stack.length - 1]!.kind === 'object' ? '`}`' : '`]`';
    err(`${show(t, text)} does not close the open ${stack[stack.length - 1]!.kind}; expected ${want}`, t.span);
    if (at < 0) return;
    while (stack.length > at + 1) close(t.span.start);
    close(t.span.end);
  };

  let stopped = false;
  for (const t of tokens) {
    if (t.type === 'eof') break;
    if (problems.length >= MAX_PROBLEMS) {
      err('too many syntax errors; the rest of the text was not read', { start: t.span.start, end: text.length });
      stopped = true;
      break;
    }
    if (done) {
      err(`unexpected ${show(t, text)} after the end of the JSON value`, { start: t.span.start, end: text.length });
      break;
    }
    const top = stack[stack.length - 1];
    if (!top) {
      const v = valueOf(t);
      if (v) attach(v);
      else err(`expected a JSON value; got ${show(t, text)}`, t.span);
      continue;
    }
    if (top.kind === 'array') {
      if (t.type === ']') {
        if (top.state === 'value') err('trailing comma before `]`; JSON does not allow it', t.span);
        close(t.span.end);
        if (stack.length === 0) done = true;
        continue;
      }
      if (t.type === '}') { closeMismatched(t, 'object'); if (stack.length === 0) done = true; continue; }
      if (t.type === ',') {
        if (top.state === 'after') top.state = 'value';
        else err('missing value before `,`', t.span);
        continue;
      }
      if (t.type === ':') { err('unexpected `:` in an array', t.span); continue; }
      const v = valueOf(t);
      if (!v) { err(`expected a JSON value; got ${show(t, text)}`, t.span); continue; }
      if (top.state === 'after') err(`missing \`,\` before ${show(t, text)}`, t.span);
      attach(v);
      continue;
    }
    // Object frame.
    if (t.type === '}') {
      if (top.state === 'key') err('trailing comma before `}`; JSON does not allow it', t.span);
      else if (top.state === 'colon' || top.state === 'value') err('missing value for the last member', t.span);
      close(t.span.end);
      if (stack.length === 0) done = true;
      continue;
    }
    if (t.type === ']') { closeMismatched(t, 'array'); if (stack.length === 0) done = true; continue; }
    if (top.state === 'first' || top.state === 'key' || top.state === 'after') {
      if (t.type === ',') {
        if (top.state === 'after') top.state = 'key';
        else err('unexpected `,`; expected a member name in double quotes', t.span);
        continue;
      }
      if (top.state === 'after') err(`missing \`,\` before ${show(t, text)}`, t.span);
      if (t.type === 'string') addKey(top, { kind: 'string', value: t.value, span: t.span });
      else if (t.type === 'word' || t.type === 'number') {
        err(`member names must be strings in double quotes; got ${show(t, text)}`, t.span);
        addKey(top, { kind: 'string', value: t.raw, span: t.span });
      } else err(`expected a member name in double quotes; got ${show(t, text)}`, t.span);
      continue;
    }
    if (top.state === 'colon') {
      if (t.type === ':') { top.state = 'value'; continue; }
      if (t.type === ',') { err('missing `:` and a value after the member name', t.span); top.state = 'key'; continue; }
      err(`missing \`:\` after the member name; got ${show(t, text)}`, t.span);
      top.state = 'value';
    }
    if (t.type === ',') {
      err('missing value before `,`', t.span);
      top.state = 'key';
      continue;
    }
    const v = valueOf(t);
    if (v) attach(v);
    else err(`expected a JSON value; got ${show(t, text)}`, t.span);
  }
  if (stack.length > 0 && !stopped) {
    const f = stack[stack.length - 1]!;
    const more = stack.length > 1 ? ` (nor are the ${stack.length - 1} enclosing ones)` : '';
    err(`this ${f.kind} is never closed${more}; expected ${f.kind === 'object' ? '`}`' : '`]`'} before the end of the text`, { start: f.node.span.start, end: f.node.span.start + 1 });
  }
  while (stack.length > 0) close(text.length);
  if (root === null && !problems.some((p) => p.kind === 'syntax')) err('the text holds no JSON value', { start: 0, end: text.length });
  problems.sort((a, b) => a.span.start - b.span.start);
  return { root, problems };
}

/** The member of `obj` named `name` (the first one, if repeated). */
export function member(obj: JsonObject, name: string): JsonMember | undefined {
  return obj.members.find((m) => m.key.value === name);
}

/** The value of member `name` when `node` is an object. */
export function field(node: JsonNode | null | undefined, name: string): JsonNode | null {
  if (!node || node.kind !== 'object') return null;
  return member(node, name)?.value ?? null;
}

export interface PathStep {
  readonly key: string | number;
  /** The member's key, for object members. */
  readonly keySpan?: Span;
  readonly node: JsonNode | null;
}

/** The chain of members and items from the root down to the innermost one at `offset`. */
export function pathAt(root: JsonNode | null, offset: number): PathStep[] {
  const path: PathStep[] = [];
  let node = root;
  const inside = (s: Span) => offset >= s.start && offset <= s.end;
  while (node && (node.kind === 'object' || node.kind === 'array')) {
    let next: PathStep | null = null;
    if (node.kind === 'object') {
      for (const m of node.members) {
        if (inside(m.key.span) || (m.value && inside(m.value.span))) {
          next = { key: m.key.value, keySpan: m.key.span, node: m.value };
          break;
        }
      }
    } else {
      const i = node.items.findIndex((x) => inside(x.span));
      if (i >= 0) next = { key: i, node: node.items[i]! };
    }
    if (!next) break;
    path.push(next);
    if (next.keySpan && inside(next.keySpan)) break;
    node = next.node;
  }
  return path;
}
