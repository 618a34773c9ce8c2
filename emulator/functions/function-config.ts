import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The parts of a WeChat cloud function's config.json the emulator honours. */
const configSchema = z
  .object({
    timeout: z.number().positive().max(900).optional(),
    triggers: z
      .array(
        z.object({
          name: z.string().min(1),
          type: z.literal('timer'),
          config: z.string().min(1),
        }),
      )
      .optional(),
    permissions: z
      .object({ openapi: z.array(z.string()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type FunctionConfig = z.infer<typeof configSchema>;

/** WeChat's default function timeout is 3 seconds. */
export const DEFAULT_TIMEOUT_S = 3;

export function readFunctionConfig(dir: string): FunctionConfig {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) return {};
  const parsed = configSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
