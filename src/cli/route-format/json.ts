// Parses JSON text, and when it is not valid JSON says where (line, column and offset) and
// what was expected there. JSON.parse does the parsing; jsonc-parser (strict: no comments, no
// trailing commas) only locates the first error, which Node 20's messages often omit.
import { parse as locate, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';

export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const EXPECTATIONS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes (a trailing comma?)',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma or a closing bracket',
  CloseBraceExpected: 'expected a closing }',
  CloseBracketExpected: 'expected a closing ]',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (text.trim() === '') return { ok: false, message: 'invalid JSON: the input is empty' };
    const errors: ParseError[] = [];
    locate(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) return { ok: false, message: `invalid JSON: ${(error as Error).message}` };
    const code = printParseErrorCode(first.error);
    const { line, column } = lineAndColumn(text, first.offset);
    const where = text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
    return { ok: false, message: `invalid JSON at ${where} (position ${first.offset}): ${EXPECTATIONS[code] ?? code}` };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
