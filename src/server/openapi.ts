import { z } from 'zod';

// Route schemas → OpenAPI 3.0 JSON Schema for the docs. Validation itself is done by zod in the route
// handler (so errors have our field-level shape); these schemas only describe.

/** JSON Schema of a zod schema's input side, for OpenAPI. */
export function toOpenApiSchema(schema: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete js.$schema;
  return js;
}
