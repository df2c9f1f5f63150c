// Hover on reports: every result type explains meaning, cause and fix; fields and values are
// described; nothing is shown between members.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverReport, RESULT_TYPES } from '../../server/src/core/index';

const text = `{
  "organization-name": "Google Inc.",
  "date-range": {"start-datetime": "2024-09-15T00:00:00Z", "end-datetime": "2024-09-15T23:59:59"},
  "policies": [{
    "policy": {"policy-type": "sts", "policy-string": ["version: STSv1"], "policy-domain": "example.com"},
    "summary": {"total-successful-session-count": 1204, "total-failure-session-count": 3},
    "failure-details": [{"result-type": "certificate-expired", "receiving-mx-hostname": "mx2.example.com", "failed-session-count": 3, "x-custom": 1}]
  }]
}`;
const at = (needle: string, delta = 1) => hoverReport(text, text.indexOf(needle) + delta);

test('every registered result type has meaning, cause and fix, with an RFC link', () => {
  assert.equal(Object.keys(RESULT_TYPES).length, 11);
  for (const type of Object.keys(RESULT_TYPES)) {
    const h = hoverReport(`{"policies": [{"failure-details": [{"result-type": "${type}"}]}]}`, 52);
    assert.ok(h, type);
    assert.match(h!.contents, new RegExp(`^\\*\\*${type}\\*\\*`));
    assert.match(h!.contents, /\*\*Likely cause:\*\*/);
    assert.match(h!.contents, /\*\*Fix:\*\*/);
    assert.match(h!.contents, /rfc8460#section-4\.3/);
  }
});

test('hover on a result type value spans the value', () => {
  const h = at('"certificate-expired"', 3)!;
  assert.equal(text.slice(h.span.start, h.span.end), '"certificate-expired"');
  assert.match(h.contents, /expired/);
  assert.match(h.contents, /Renew the certificate/);
});

test('an unknown result type is explained as possibly new', () => {
  const h = hoverReport('{"policies": [{"failure-details": [{"result-type": "some-new-type"}]}]}', 55)!;
  assert.match(h.contents, /not a registered result type/);
});

test('keys show their meaning; values of counts, dates and policy types are explained', () => {
  assert.match(at('"total-failure-session-count"')!.contents, /^\*\*total-failure-session-count\*\* — Sessions that failed/);
  assert.match(at('3}')!.contents, /3 sessions\./);
  assert.match(at('1204', 0)!.contents, /1,204 sessions\./);
  assert.match(at('"sts"')!.contents, /MTA-STS policy/);
  assert.match(at('"2024-09-15T23:59:59"')!.contents, /2024-09-15 23:59:59 UTC \(no offset given; read as UTC\)/);
  assert.match(at('"version: STSv1"')!.contents, /^\*\*policy-string\*\*/);
  assert.match(at('"x-custom"')!.contents, /not a field of RFC 8460/);
});

test('no hover between members or outside the JSON', () => {
  assert.equal(hoverReport(text, 0), null);
  assert.equal(hoverReport(text, text.indexOf('\n  "policies"') + 1), null);
  assert.equal(hoverReport('not json', 3), null);
});
