/**
 * Writes the OpenAPI v3 documents generated from the resource table to openapi/v3/ (one file per
 * group version, pretty and key-sorted) and removes files of group versions no longer served.
 * Run with `npm run openapi`; test/unit/openapi-drift.test.ts fails when the files are stale.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resources } from '../src/registry/resources.js';
import { buildOpenApiV3 } from '../src/http/openapi.js';
import { writeOpenApiV3 } from '../src/http/openapi-files.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi', 'v3');
const written = writeOpenApiV3(dir, buildOpenApiV3(resources));
console.log(`wrote ${written.length} OpenAPI v3 documents to ${dir}: ${written.join(', ')}`);
