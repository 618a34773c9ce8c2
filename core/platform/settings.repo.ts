/**
 * Settings staff edit, versioned: `settings/<id>` holds the configuration's own fields next to
 * `version`, `updatedAt` and `updatedBy`. Until someone saves, the defaults apply (version 0). A
 * save may name the version its editor started from: a newer one saved meanwhile makes it a
 * CONFLICT, so two staff editing at once never silently overwrite each other. The ladder's and the
 * referral programme's settings are two of these (draws and feedback will be more).
 */
import { now } from './clock';
import { readOrNull, type Database, type TransactionDb } from './database';
import { fail, ok, type Result } from './result';
import { inTransaction } from './transaction';

export const SETTINGS = 'settings';

export interface VersionedSettings<C> {
  config: C;
  /** 0 while the defaults apply; each save adds 1. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** What an editor is shown (dates as they reach the client). */
export interface SettingsView<C> {
  config: C;
  version: number;
  /** True while no one has saved a configuration (the defaults apply). */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SettingsSpec<C extends object, E extends string> {
  /** The document's id in `settings`. */
  id: string;
  /** Also the list of the configuration's fields: exactly these are read back from the document. */
  defaults: C;
  /** Validates what staff submit, and what is read back. */
  parse(input: unknown): Result<C, E>;
  /** The CONFLICT message (Chinese), given the version saved meanwhile. */
  conflictMessage(currentVersion: number): string;
}

export interface SettingsStore<C extends object, E extends string> {
  /** One point read. */
  load(db: Database): Promise<VersionedSettings<C>>;
  /** The configuration other code runs on (the defaults until staff save their own). */
  loadConfig(db: Database): Promise<C>;
  /** Inside the caller's transaction: a validated configuration, over `expectedVersion` when given. */
  save(tx: TransactionDb, config: C, by: string, at: Date, expectedVersion: number | undefined): Promise<Result<{ version: number }, 'CONFLICT'>>;
  /** Validates (the spec's error, with a detail per field) and saves in a transaction of its own. */
  update(db: Database, input: unknown, by: string, expectedVersion?: number): Promise<Result<{ version: number }, E | 'CONFLICT'>>;
}

export function versionedSettings<C extends object, E extends string>(spec: SettingsSpec<C, E>): SettingsStore<C, E> {
  const fields = Object.keys(spec.defaults);

  function fromStored(stored: Record<string, unknown> | null): VersionedSettings<C> {
    if (!stored) return { config: spec.defaults, version: 0, updatedAt: null, updatedBy: null };
    const parsed = spec.parse(Object.fromEntries(fields.map((f) => [f, stored[f]])));
    // Saves are validated, so an invalid stored config was edited by hand in the console. Falling
    // back to defaults would silently change what members get (prices, points, rewards); stop loudly.
    if (!parsed.ok) throw new Error(`settings/${spec.id} is invalid: ${parsed.error.message}`);
    return {
      config: parsed.data,
      version: Number(stored.version ?? 0),
      updatedAt: stored.updatedAt ? new Date(stored.updatedAt as string) : null,
      updatedBy: (stored.updatedBy as string | undefined) ?? null,
    };
  }

  const read = async (store: TransactionDb) => fromStored(await readOrNull<Record<string, unknown>>(store.collection(SETTINGS).doc(spec.id)));

  async function save(
    tx: TransactionDb,
    config: C,
    by: string,
    at: Date,
    expectedVersion: number | undefined,
  ): Promise<Result<{ version: number }, 'CONFLICT'>> {
    const current = await read(tx);
    if (expectedVersion !== undefined && expectedVersion !== current.version) return fail('CONFLICT', spec.conflictMessage(current.version));
    const version = current.version + 1;
    await tx
      .collection(SETTINGS)
      .doc(spec.id)
      .set({ data: { ...config, version, updatedAt: at, updatedBy: by } });
    return ok({ version });
  }

  return {
    load: read,
    loadConfig: async (db) => (await read(db)).config,
    save,
    async update(db, input, by, expectedVersion) {
      const parsed = spec.parse(input);
      if (!parsed.ok) return parsed;
      // The time is read in each attempt: a retry writes after the save it conflicted with.
      return inTransaction(db, (tx) => save(tx, parsed.data, by, now(), expectedVersion));
    },
  };
}

export function settingsView<C>(s: VersionedSettings<C>): SettingsView<C> {
  return {
    config: s.config,
    version: s.version,
    isDefault: s.version === 0,
    updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
    updatedBy: s.updatedBy,
  };
}
