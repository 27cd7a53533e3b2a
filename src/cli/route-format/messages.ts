// Turns TypeBox validation errors into messages a person can act on, each naming the field
// as they would write it: `order.lines[0].quantity: must be a number with at most 4 decimals`.
// A schema node's `messages` or `expected` (see schema.ts) gives the words; otherwise the keyword does.
import type { TLocalizedValidationError } from 'typebox/error';

/** `/order/lines/0/quantity` → `order.lines[0].quantity` (the root is `input`). */
export function fieldPath(pointer: string | readonly (string | number)[]): string {
  const parts = typeof pointer === 'string' ? pointer.split('/').slice(1).map(unescapePointer) : pointer.map(String);
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_][\w]*$/.test(part) ? `${out === '' ? '' : '.'}${part}` : `[${JSON.stringify(part)}]`;
  return out === '' ? 'input' : out;
}

export function describeErrors(schema: unknown, errors: readonly TLocalizedValidationError[]): string[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const messages: string[] = [];
  for (const error of errors) {
    if (error.keyword === 'boolean') continue; // `additionalProperties: false` repeats itself as "schema is false"
    const union = unions.find((u) => u !== error && error.schemaPath.startsWith(`${u.schemaPath}/anyOf/`));
    if (union) {
      // Inside a union: keep only errors deeper than the union (the value had the right
      // type but a field inside it is wrong); a type mismatch is said once by the union.
      if (error.instancePath === union.instancePath) continue;
    } else if (error.keyword === 'anyOf' && errors.some((e) => e.schemaPath.startsWith(`${error.schemaPath}/anyOf/`) && e.instancePath !== error.instancePath)) {
      continue;
    }
    messages.push(describe(schema, error));
  }
  return [...new Set(messages)];
}

function describe(schema: unknown, error: TLocalizedValidationError): string {
  const at = fieldPath(error.instancePath);
  const node = nodeAt(schema, error.schemaPath);
  const own = node.messages?.[error.keyword];
  if (own !== undefined) return `${at}: ${own}`;
  const expected = node.expected;
  switch (error.keyword) {
    case 'required':
      return error.params.requiredProperties.map((p) => `${fieldPath(`${error.instancePath}/${p}`)}: is required`).join('\n');
    case 'additionalProperties':
      return error.params.additionalProperties.map((p) => `${fieldPath(`${error.instancePath}/${p}`)}: is not a known field`).join('\n');
    case 'enum':
      return `${at}: must be one of ${error.params.allowedValues.map(String).join(', ')}`;
    case 'minItems':
      return `${at}: must have at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}`;
    default:
      if (expected !== undefined) return `${at}: must be ${expected}`;
      return `${at}: ${keywordMessage(error)}`;
  }
}

function keywordMessage(error: TLocalizedValidationError): string {
  switch (error.keyword) {
    case 'type': {
      const type = String((error.params as { type: unknown }).type);
      return `must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${error.params.comparison} ${String(error.params.limit)}`;
    case 'minLength':
      return 'must not be empty';
    default:
      return error.message;
  }
}

interface Described {
  readonly expected?: string;
  readonly messages?: Readonly<Record<string, string>>;
}

/** The schema node at a JSON pointer like `#/properties/a/items` (its `expected` and `messages`). */
function nodeAt(schema: unknown, schemaPath: string): Described {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(unescapePointer)) {
    if (node === null || typeof node !== 'object') return {};
    node = (node as Record<string, unknown>)[part];
  }
  return node !== null && typeof node === 'object' ? (node as Described) : {};
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}
