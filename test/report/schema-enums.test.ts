// The report schema lists every SDK and provider the engine can put in a call site: a new front-end SDK that is not
// added there would make `report --format json` fail validation on the first workspace that uses it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const TYPES = fs.readFileSync(path.join(__dirname, '../../server/src/core/types.ts'), 'utf8');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, 'report.schema.json'), 'utf8')) as unknown;

/** The string members of a `export type Name = 'a' | 'b' …;` union in types.ts. */
function unionMembers(name: string): string[] {
  const m = new RegExp(`export type ${name} =([^;]*);`).exec(TYPES);
  assert.ok(m, `types.ts declares ${name}`);
  return [...m[1].replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** Every `enum` the schema gives a property of this name. */
function schemaEnums(key: string, node: unknown = SCHEMA, out: string[][] = []): string[][] {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && v && typeof v === 'object' && Array.isArray((v as { enum?: unknown }).enum)) out.push((v as { enum: string[] }).enum);
      schemaEnums(key, v, out);
    }
  }
  return out;
}

describe('report schema enums', () => {
  for (const [property, union] of [['sdk', 'Sdk'], ['provider', 'Provider']] as const) {
    it(`every ${union} is a valid "${property}"`, () => {
      const enums = schemaEnums(property);
      assert.ok(enums.length > 0, `the schema has a "${property}" enum`);
      for (const values of enums) assert.deepEqual([...values].sort(), unionMembers(union).sort());
    });
  }
});
