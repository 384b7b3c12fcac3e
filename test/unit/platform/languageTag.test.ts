import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLanguageTag } from '../../../src/platform/languageTag';

test('partnerCenter.locale: BCP 47 language tags are sent, anything else is not', () => {
  for (const tag of ['en', 'en-US', 'de-DE', 'zh-Hant-TW', 'sr-Latn-RS', 'es-419', 'pt-br']) assert.ok(isLanguageTag(tag), tag);
  for (const bad of ['', 'english', 'en_US', 'en-', 'e', '123', 'en-US\r\nX-Evil: 1', 'en US', 'de-DE;q=1', 'x', 'en-toolongsubtag']) {
    assert.equal(isLanguageTag(bad), false, JSON.stringify(bad));
  }
});
