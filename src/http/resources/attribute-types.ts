// Attribute schema builders shared by the resource definitions.
import { Type, type TSchema } from 'typebox';

export const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const code = () => Type.String({ minLength: 1, maxLength: 255, pattern: '^\\S(.*\\S)?$' });
export const name = () => Type.String({ minLength: 1, maxLength: 255 });
export const text = () => nullable(Type.String({ maxLength: 1000 }));
/** A stock quantity: ≥ 0 (or > 0), at most 4 decimals (checked with `quantity: true`). */
export const quantity = (options: { positive?: boolean; description?: string } = {}) =>
  Type.Number({ ...(options.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }), ...(options.description ? { description: options.description } : {}) });
export const priority = () => Type.Integer({ minimum: 1 });
