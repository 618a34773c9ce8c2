import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * WeChat runs one invocation at a time per instance and passes the caller's identity in
 * environment variables that `cloud.getWXContext()` reads. The emulator overlaps invocations in
 * one process, so `process.env` becomes a Proxy that answers from the current invocation's
 * variables first (AsyncLocalStorage follows every await of that invocation).
 */
const storage = new AsyncLocalStorage<Record<string, string>>();
const dynamic = new Map<string, () => string>();
let installed = false;

export function installIsolatedEnv(): void {
  if (installed) return;
  installed = true;
  const real = process.env;
  process.env = new Proxy(real, {
    get(target, key) {
      if (typeof key === 'string') {
        const scoped = storage.getStore();
        if (scoped && key in scoped) return scoped[key];
        const d = dynamic.get(key);
        if (d) return d();
      }
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === 'string' && (storage.getStore()?.[key] !== undefined || dynamic.has(key))) return true;
      return Reflect.has(target, key);
    },
    // Writes go to the real environment. Without these traps a write through the Proxy reaches
    // process.env's own defineProperty with a partial descriptor, which Node refuses.
    set(target, key, value) {
      if (typeof key === 'string') target[key] = String(value);
      return true;
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'string' && 'value' in descriptor) target[key] = String(descriptor.value);
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') delete target[key];
      return true;
    },
    ownKeys(target) {
      const keys = new Set<string | symbol>(Reflect.ownKeys(target));
      for (const k of Object.keys(storage.getStore() ?? {})) keys.add(k);
      for (const k of dynamic.keys()) keys.add(k);
      return [...keys];
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') {
        const scoped = storage.getStore();
        const value = scoped && key in scoped ? scoped[key] : dynamic.get(key)?.();
        if (value !== undefined) return { value, writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  }) as NodeJS.ProcessEnv;
}

/** A variable computed on every read (the emulator clock's offset). */
export function defineDynamicEnv(key: string, read: () => string): void {
  dynamic.set(key, read);
}

export function runWithEnv<T>(vars: Record<string, string>, fn: () => T): T {
  return storage.run(vars, fn);
}
