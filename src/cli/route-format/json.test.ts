import { describe, expect, it } from 'vitest';
import { parseJson } from './json.js';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2.5]}')).toEqual({ ok: true, value: { a: [1, 2.5] } });
  });

  it.each([
    ['{\n  "a": 1,\n}', 'invalid JSON at line 3, column 1 (position 12): expected a property name in double quotes (a trailing comma?)'],
    ['{"a": }', 'invalid JSON at column 7 (position 6): expected a value'],
    ['{"a": 1 "b": 2}', 'invalid JSON at column 9 (position 8): expected a comma or a closing bracket'],
    ['{"a": 1} x', 'invalid JSON at column 10 (position 9): unexpected character'],
    ['{"a": [1, 2}', 'invalid JSON at column 12 (position 11): expected a comma or a closing bracket'],
    ['{"a": 1}\n{"b": 2}', 'invalid JSON at line 2, column 1 (position 9): unexpected text after the end of the JSON value'],
    ['{\n  // note\n  "a": 1\n}', 'invalid JSON at line 2, column 3 (position 4): comments are not allowed in JSON'],
    ['  ', 'invalid JSON: the input is empty'],
  ])('says where %j goes wrong', (text, message) => {
    expect(parseJson(text)).toEqual({ ok: false, message });
  });
});
