import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Index declarations in MongoDB's style, one file for the whole project:
 * `{ "draw_entries": [ { "name": "draw_member", "keys": { "drawId": 1, "memberId": 1 }, "unique": true } ] }`.
 * The same file is what an operator creates in the cloud console.
 */
const indexSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]+$/, 'index names use letters, digits and _'),
  keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1)])).refine((k) => Object.keys(k).length > 0, 'an index needs at least one key'),
  unique: z.boolean().optional(),
  sparse: z.boolean().optional(),
});

const indexFileSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.array(indexSpecSchema));

export type IndexSpec = z.infer<typeof indexSpecSchema>;
export type IndexDeclarations = z.infer<typeof indexFileSchema>;

export function parseIndexDeclarations(json: unknown, source = 'index declarations'): IndexDeclarations {
  const parsed = indexFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${source} are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function loadIndexFile(path: string): IndexDeclarations {
  return parseIndexDeclarations(JSON.parse(readFileSync(path, 'utf8')), path);
}
