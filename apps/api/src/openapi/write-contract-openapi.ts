import { contractSchemas } from './contract-schemas';

/**
 * Prints the contract's OpenAPI components (the schemas /docs serves) as a document of their own, for
 * `npm run api-types`, which turns them into the dashboard's types: no Nest app has to start.
 */
const document = { openapi: '3.0.0', info: { title: 'Ashiato contract', version: '0.1.0' }, paths: {}, components: { schemas: contractSchemas() } };
process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
