// Shared helpers of the report checks: typed member access that reports wrong types, missing
// fields and unknown member names with spans and quick fixes. Pure: core only.
import { reportCountNotInteger, reportMissingField, reportUnknownField, reportWrongType } from '../rules/reportRules';
import type { DiagnosticSink } from '../rules/types';
import { closest } from '../text/similar';
import type { Span } from '../text/span';
import { member, type JsonArray, type JsonNode, type JsonNumber, type JsonObject, type JsonString } from './json';
import { KNOWN_MEMBERS } from './spec';

/** One JSON object of the report being checked, with how messages name it. */
export interface Obj {
  readonly node: JsonObject;
  /** e.g. "the report", "`summary`", "this failure detail". */
  readonly label: string;
  /** Where a missing member is reported: the key that holds the object, or its `{`. */
  readonly anchor: Span;
}

type Level = keyof typeof KNOWN_MEMBERS;
const LEVEL_LABELS: Record<Level, string> = { report: 'the report', dateRange: '`date-range`', policyEntry: 'a `policies` entry', policy: '`policy`', summary: '`summary`', failure: 'a failure detail' };

const TYPE_NAMES: Record<JsonNode['kind'], string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null' };

export function typeName(n: JsonNode): string {
  return TYPE_NAMES[n.kind];
}

/** A short, one-line rendering of a value for messages: a string's content, else the JSON text. */
export function shown(text: string, n: JsonNode): string {
  const raw = (n.kind === 'string' ? n.value : text.slice(n.span.start, n.span.end)).replace(/\s+/g, ' ').replace(/[\u0000-\u001f`]/g, '?');
  return raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
}

/** Names that a misspelt member of the object probably meant (not reported again as missing). */
const guessed = new WeakMap<JsonObject, Set<string>>();

export function openBrace(n: JsonNode): Span {
  return { start: n.span.start, end: n.span.start + 1 };
}

/** The value of member `name`, or null when it is absent or `null` (reported when `required`). */
export function get(o: Obj, name: string, required: boolean, sink: DiagnosticSink): JsonNode | null {
  const m = member(o.node, name);
  const v = m?.value ?? null;
  if (v && v.kind !== 'null') return v;
  if (required && !(m && !m.value) && !guessed.get(o.node)?.has(name)) {
    const what = m ? `\`${name}\` is null in ${o.label}` : `${o.label} has no \`${name}\``;
    sink.report(reportMissingField, m ? m.key.span : o.anchor, what);
  }
  return null;
}

/** Reports a value of the wrong type: at the value, or for an object or array at `key` when given. */
export function wrongType(text: string, sink: DiagnosticSink, n: JsonNode, name: string, want: string, extra = '', key?: Span): void {
  const at = key && (n.kind === 'object' || n.kind === 'array') ? key : n.span;
  sink.report(reportWrongType, at, `\`${name}\` must be ${want}; got ${typeName(n)} \`${shown(text, n)}\`${extra}`);
}

export function getString(text: string, o: Obj, name: string, required: boolean, sink: DiagnosticSink): JsonString | null {
  const v = get(o, name, required, sink);
  if (!v) return null;
  if (v.kind === 'string') return v;
  wrongType(text, sink, v, name, 'a string', '', member(o.node, name)!.key.span);
  return null;
}

export function getObject(text: string, o: Obj, name: string, required: boolean, sink: DiagnosticSink, label = `\`${name}\``): Obj | null {
  const v = get(o, name, required, sink);
  if (!v) return null;
  const key = member(o.node, name)!.key.span;
  if (v.kind === 'object') return { node: v, label, anchor: key };
  wrongType(text, sink, v, name, 'an object', '', key);
  return null;
}

export function getArray(text: string, o: Obj, name: string, required: boolean, sink: DiagnosticSink): JsonArray | null {
  const v = get(o, name, required, sink);
  if (!v) return null;
  if (v.kind === 'array') return v;
  wrongType(text, sink, v, name, 'an array', '', member(o.node, name)!.key.span);
  return null;
}

/** A session count: a non-negative integer JSON number. Returns the count when valid. */
export function getCount(text: string, o: Obj, name: string, sink: DiagnosticSink): number | null {
  const v = get(o, name, true, sink);
  if (!v) return null;
  if (v.kind === 'number') return checkCountNumber(sink, v, name);
  if (v.kind === 'string' && /^[0-9]+$/.test(v.value)) {
    sink.report(reportCountNotInteger, v.span, `\`${name}\` must be a JSON number, not the string \`${JSON.stringify(v.value)}\``, { suggestion: { title: `Write ${v.value} without quotes`, edits: [{ span: v.span, newText: String(Number(v.value)) }] } });
    return null;
  }
  sink.report(reportCountNotInteger, v.span, `\`${name}\` must be a non-negative integer JSON number; got ${typeName(v)} \`${shown(text, v)}\``);
  return null;
}

function checkCountNumber(sink: DiagnosticSink, v: JsonNumber, name: string): number | null {
  if (!Number.isFinite(v.value) || !Number.isInteger(v.value)) sink.report(reportCountNotInteger, v.span, `\`${name}\` must be a whole number; got \`${v.raw}\``);
  else if (v.value < 0) sink.report(reportCountNotInteger, v.span, `\`${name}\` must not be negative; got \`${v.raw}\``);
  else if (!Number.isSafeInteger(v.value)) sink.report(reportCountNotInteger, v.span, `\`${name}\` is \`${v.raw}\`, beyond the integers I-JSON can carry exactly (2^53 − 1)`);
  else return v.value;
  return null;
}

/** Reports members whose names RFC 8460 does not define at this level, with a likely intended name. */
export function checkMemberNames(o: Obj, level: Level, sink: DiagnosticSink): void {
  const known: readonly string[] = KNOWN_MEMBERS[level];
  for (const m of o.node.members) {
    const name = m.key.value;
    if (known.includes(name)) continue;
    const elsewhere = (Object.keys(KNOWN_MEMBERS) as Level[]).find((l) => (KNOWN_MEMBERS[l] as readonly string[]).includes(name));
    const guess = name === 'additional-info-uri' ? 'additional-information' : closest(name.toLowerCase().replace(/_/g, '-'), known, Math.min(3, Math.floor(name.length / 3)));
    let message: string;
    if (guess) message = `\`${name}\` is not a member of ${LEVEL_LABELS[level]}; did you mean \`${guess}\`?`;
    else if (elsewhere) message = `\`${name}\` belongs in ${LEVEL_LABELS[elsewhere]}, not in ${LEVEL_LABELS[level]}; here readers ignore it`;
    else message = `\`${name}\` is not defined by RFC 8460 for ${LEVEL_LABELS[level]}; readers ignore it`;
    if (guess) guessed.set(o.node, (guessed.get(o.node) ?? new Set()).add(guess));
    sink.report(reportUnknownField, m.key.span, message, guess ? { suggestion: { title: `Rename to \`${guess}\``, edits: [{ span: m.key.span, newText: JSON.stringify(guess) }] } } : undefined);
  }
}
