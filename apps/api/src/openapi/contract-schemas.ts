import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import '@ashiato/domain';
import '@ashiato/domain/lineage';

type SchemaObjects = NonNullable<OpenAPIObject['components']>['schemas'];

/** Where a contract schema is found in the OpenAPI document. */
export const contractRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/**
 * The OpenAPI components of every contract schema that has an id (`.meta({ id })` in libs/domain):
 * the same definitions the API validates with, so /docs cannot drift from what is checked.
 */
export function contractSchemas(): SchemaObjects {
  // Output view: an answer carries no field its schema lacks (no transforms or defaults differ between the two).
  const { schemas } = z.toJSONSchema(z.globalRegistry, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any', uri: (id) => contractRef(id).$ref });
  // `$id` is JSON Schema's, not OpenAPI 3.0's: components are named by their key.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _id, ...schema }]) => [id, schema])) as SchemaObjects;
}

/** Adds the contract schemas to a document built by @nestjs/swagger. */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...contractSchemas() } };
  return document;
}
