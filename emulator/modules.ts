import { createOpenApiModule } from './openapi';
import { createPayModule } from './pay';
import { createStorageModule } from './storage';
import type { EmulatorContext, EmulatorModule } from './types';

/** The feature modules a full emulator runs: storage, open APIs and payments. */
export const defaultModules: Array<(ctx: EmulatorContext) => EmulatorModule> = [createStorageModule, createOpenApiModule, createPayModule];
