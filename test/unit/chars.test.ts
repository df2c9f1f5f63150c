// The character helpers that messages use to name what backticks do not show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oddCharacterIn } from '../../server/src/core/text/chars';

test('oddCharacterIn names the first character outside ! … ~, by code point', () => {
  assert.equal(oddCharacterIn(''), null);
  assert.equal(oddCharacterIn('!abc~'), null, '! and ~ are the ends of the visible range');
  assert.equal(oddCharacterIn('a b\tc'), 'a space', 'the first odd character counts');
  assert.equal(oddCharacterIn('a\tb c'), 'a tab');
  assert.equal(oddCharacterIn('m\u043ede'), 'the character U+043E');
  assert.equal(oddCharacterIn('x\u007f'), 'the character U+007F');
  assert.equal(oddCharacterIn('x\u0000'), 'the character U+0000');
  assert.equal(oddCharacterIn('k\u{1F600}'), 'the character U+1F600', 'a character outside the BMP is one code point, not a surrogate');
});
