import { z } from 'zod';

/** The input of an action that takes none: any key is refused (strict), as every schema here is. */
export const emptyInput = z.object({}).strict();
export type EmptyInput = z.infer<typeof emptyInput>;
