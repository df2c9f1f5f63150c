// Rules on the line structure of a policy file (RFC 8461 §3.2 grammar): terminators, blank
// lines, indentation, the colon, comments, BOM, empty file and size. Pure: core only.
import type { PolicySyntax } from '../syntax/policyFile';
import type { Span } from '../text/span';
import { lines, rule } from './define';
import type { DiagnosticSink } from './types';
import { utf8Length } from '../text/utf8';

const P = (...l: string[]) => lines(...l);
const GOOD = P('version: STSv1', 'mode: enforce', 'mx: mail.example.com', 'max_age: 604800');
const REF = 'RFC 8461 §3.2';

export const emptyPolicy = rule({
  code: 'STS100', name: 'empty-policy', severity: 'error',
  summary: 'The policy file is empty.',
  docs: {
    checks: 'That the policy file holds at least one field.',
    why: 'An empty body is not a policy: senders that fetch it treat the domain as having no valid MTA-STS policy.',
    fix: 'Write the four fields: `version: STSv1`, `mode`, `mx` and `max_age`.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: ['', '\n', '   '], good: [GOOD] },
});

export const blankLine = rule({
  code: 'STS123', name: 'blank-line', severity: 'error',
  summary: 'A blank line, which the policy grammar does not allow.',
  docs: {
    checks: 'Empty (or whitespace-only) lines anywhere in the file, including a second newline at the end.',
    why: 'The grammar has no blank lines, so a strict sender (mimecast\'s parser, for one) rejects the whole policy; many senders skip the line, but that leniency is each sender\'s own choice.',
    fix: 'Delete the blank line; end the file with at most one newline.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: [P('version: STSv1', '', 'mode: none', 'max_age: 86400'), GOOD + '\n\n'], good: [GOOD, GOOD + '\n', GOOD + '\r\n'] },
});

export const leadingWhitespace = rule({
  code: 'STS124', name: 'leading-whitespace', severity: 'error',
  summary: 'A line starts with spaces or tabs.',
  docs: {
    checks: 'Whitespace before the key on any line.',
    why: 'Every line must start with its key (the IESG asked for this so that lines look like mail headers without folding). A strict sender rejects the policy.',
    fix: 'Remove the indentation.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: [P('  version: STSv1', 'mode: none', 'max_age: 86400')], good: [GOOD] },
});

export const spaceBeforeColon = rule({
  code: 'STS125', name: 'space-before-colon', severity: 'error',
  summary: 'Whitespace between a key and its colon.',
  docs: {
    checks: 'Spaces or tabs between the key and `:`.',
    why: 'The grammar allows whitespace only after the colon; `mode : enforce` is not a mode field, so strict senders reject the policy.',
    fix: 'Write `key: value` with the colon right after the key.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: [P('version: STSv1', 'mode : none', 'max_age: 86400')], good: [P('version: STSv1', 'mode:none', 'max_age: 86400'), P('version: STSv1', 'mode:\tnone', 'max_age: 86400')] },
});

export const bareCr = rule({
  code: 'STS126', name: 'bare-cr', severity: 'error',
  summary: 'A line ends with a bare carriage return.',
  docs: {
    checks: 'A CR that is not followed by LF.',
    why: 'Lines end with LF or CRLF; a bare CR (old Mac line endings) leaves senders with one long invalid line.',
    fix: 'Save the file with LF (or CRLF) line endings.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: ['version: STSv1\rmode: none\rmax_age: 86400'], good: ['version: STSv1\r\nmode: none\nmax_age: 86400'] },
});

export const byteOrderMark = rule({
  code: 'STS127', name: 'byte-order-mark', severity: 'error',
  summary: 'The file starts with a byte order mark.',
  docs: {
    checks: 'A UTF-8 byte order mark (U+FEFF) at the start of the file.',
    why: 'The BOM becomes part of the first key, so `version` (or whichever key comes first) is not recognised.',
    fix: 'Save the file as UTF-8 without BOM.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: ['\ufeff' + GOOD], good: [GOOD] },
});

export const commentLine = rule({
  code: 'STS128', name: 'comment-line', severity: 'error',
  summary: 'A `#` comment line, which policy files do not have.',
  docs: {
    checks: 'Lines that start with `#`.',
    why: 'Policy files have no comment syntax; a key must start with a letter or digit, so strict senders reject the policy.',
    fix: 'Delete the comment; keep notes in your repository instead of the published file.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: [P('# policy', GOOD)], good: [GOOD] },
});

export const invalidLine = rule({
  code: 'STS129', name: 'invalid-line', severity: 'error',
  summary: 'A line that is not `key: value`.',
  docs: {
    checks: 'Non-blank lines without a colon.',
    why: 'Every line of a policy is a field; any other text makes the policy invalid for strict senders.',
    fix: 'Remove the line, or write it as `key: value`.',
    reference: REF,
  },
  examples: { kind: 'policy', bad: [P(GOOD, 'mode enforce')], good: [GOOD] },
});

export const policyTooLarge = rule({
  code: 'STS130', name: 'policy-too-large', severity: 'warning',
  summary: 'The policy is larger than 64 KiB.',
  docs: {
    checks: 'That the body is at most 65,536 octets.',
    why: 'Senders may stop reading at the suggested limit of 64 KiB; a longer policy may be cut off or refused.',
    fix: 'Remove unneeded lines; use wildcard patterns instead of long `mx` lists.',
    reference: 'RFC 8461 §3.3',
  },
  examples: { kind: 'policy', bad: [GOOD + '\n' + 'note: x\n'.repeat(8200)], good: [GOOD] },
});

export const POLICY_LINE_RULES = [emptyPolicy, blankLine, leadingWhitespace, spaceBeforeColon, bareCr, byteOrderMark, commentLine, invalidLine, policyTooLarge];

const MAX_BODY = 65536;


/** Line `i` with its terminator. */
function wholeLine(tree: PolicySyntax, i: number): Span {
  return { start: tree.start(i), end: tree.end(i) + tree.terminator(i).length };
}

export function checkPolicyLines(tree: PolicySyntax, sink: DiagnosticSink): void {
  const text = tree.text;
  const count = tree.lineCount;
  let lastContent = count - 1;
  while (lastContent >= 0 && tree.kind(lastContent) === 'blank') lastContent--;
  if (lastContent < 0) {
    const what = text.length === 0 ? 'the policy file is empty' : tree.bomEnd(0) > 0 && text.trim().length <= 1 ? 'the policy file holds only a byte order mark' : 'the policy file holds only blank lines';
    sink.report(emptyPolicy, { start: 0, end: text.length }, what);
    return;
  }
  const size = text.length > MAX_BODY / 4 ? utf8Length(text) : 0;
  if (size > MAX_BODY) {
    sink.report(policyTooLarge, { start: 0, end: tree.end(0) }, `the policy is ${size} octets long; senders may stop reading after 65536 (64 KiB)`);
  }
  if (tree.bomEnd(0) > 0) {
    const bom = { start: 0, end: tree.bomEnd(0) };
    sink.report(byteOrderMark, bom, 'the file starts with a byte order mark (U+FEFF), which becomes part of the first key', {
      suggestion: { title: 'Remove the byte order mark', edits: [{ span: bom, newText: '' }] },
    });
  }
  // Rules that can fire on every line build nothing once their cap is reached.
  for (let i = 0; i < count; i++) {
    const term = tree.terminator(i);
    if (term === '\r' && sink.room(bareCr)) {
      const at = { start: tree.end(i), end: tree.end(i) + 1 };
      sink.report(bareCr, at, 'this line ends with a bare CR; policy lines end with LF or CRLF', {
        suggestion: { title: 'Use LF line endings', edits: [{ span: at, newText: '\n' }] },
      });
    }
    const kind = tree.kind(i);
    if (kind === 'blank') {
      // Trailing blank lines count once, as one finding on the first of them.
      const isLast = i === count - 1 && term === '';
      if (i > lastContent) {
        const span = { start: tree.start(i), end: tree.end(i) };
        if (i === lastContent + 1 && !isLast) {
          const from = wholeLine(tree, lastContent).end;
          sink.report(blankLine, { start: span.start, end: text.length }, 'the file ends with blank lines; at most one newline may follow the last field', {
            suggestion: { title: 'Remove the trailing blank lines', edits: [{ span: { start: from, end: text.length }, newText: '' }] },
          });
        } else if (isLast && tree.keyStart(i) > tree.bomEnd(i) && i === lastContent + 1) {
          sink.report(blankLine, span, 'the file ends with whitespace after the last newline', {
            suggestion: { title: 'Remove the trailing whitespace', edits: [{ span, newText: '' }] },
          });
        }
      } else if (sink.room(blankLine)) {
        sink.report(blankLine, wholeLine(tree, i), 'blank line: the policy grammar allows none, and strict senders reject the policy', {
          suggestion: { title: 'Delete the blank line', edits: [{ span: wholeLine(tree, i), newText: '' }] },
        });
      }
      continue;
    }
    const keyStart = tree.keyStart(i);
    if (keyStart > tree.bomEnd(i) && sink.room(leadingWhitespace)) {
      const indent = { start: tree.bomEnd(i), end: keyStart };
      sink.report(leadingWhitespace, indent, 'this line starts with whitespace; every policy line must start with its key', {
        suggestion: { title: 'Remove the indentation', edits: [{ span: indent, newText: '' }] },
      });
    }
    const keyEnd = tree.keyEnd(i);
    if (kind === 'comment') {
      if (!sink.room(commentLine)) continue;
      sink.report(commentLine, { start: keyStart, end: keyEnd }, 'policy files have no comments; senders read this `#` line as an invalid field', {
        suggestion: { title: 'Delete the comment line', edits: [{ span: wholeLine(tree, i), newText: '' }] },
      });
    } else if (kind === 'invalid') {
      if (!sink.room(invalidLine)) continue;
      const content = text.slice(keyStart, keyEnd);
      sink.report(invalidLine, { start: keyStart, end: keyEnd }, `\`${content.length > 40 ? content.slice(0, 40) + '…' : content}\` is not a \`key: value\` field`);
    } else if (tree.colonAt(i) > keyEnd && sink.room(spaceBeforeColon)) {
      const key = text.slice(keyStart, keyEnd);
      const beforeColon = { start: keyEnd, end: tree.colonAt(i) };
      sink.report(spaceBeforeColon, beforeColon, `whitespace between \`${key}\` and the colon; write \`${key}:\``, {
        suggestion: { title: 'Remove the space before the colon', edits: [{ span: beforeColon, newText: '' }] },
      });
    }
  }
}
