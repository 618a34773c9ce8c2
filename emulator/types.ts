import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorClock } from './clock';

/** The WeChat context a function invocation sees through `cloud.getWXContext()`. */
export interface WxContext {
  OPENID: string;
  APPID: string;
  UNIONID?: string;
  SOURCE?: string;
}

export interface InvokeResult {
  /** What the function returned (its `main` resolution). */
  result: unknown;
  requestId: string;
}

/** Everything a feature module of the emulator may depend on. */
export interface EmulatorContext {
  clock: EmulatorClock;
  /** The environment id functions see (`SCF_NAMESPACE`). */
  envId: string;
  appId: string;
  /** e.g. http://127.0.0.1:3900 — known once the server listens. */
  baseUrl(): string;
  /** Folder for persistent data, or null when running in memory. */
  dataDir: string | null;
  /** Base URL of the H5 build (for mini-program codes that encode a page URL). */
  h5BaseUrl(): string;
  /** Runs a served function as WeChat would (used by payment callbacks, timers, the gateway). */
  invokeFunction(name: string, event: unknown, wx?: Partial<WxContext>): Promise<InvokeResult>;
  /** Counts one SDK request by its action (modules that answer multipart calls report theirs here). */
  countRequest(action: string): void;
  log(message: string): void;
}

/** A JSON action arriving on POST /admin (body already parsed). Returns the reply body. */
export type ActionHandler = (body: Record<string, unknown>, req: IncomingMessage) => Promise<unknown> | unknown;

/**
 * A pluggable part of the emulator. `http` sees every request first and returns true when it
 * handled it (used for multipart open-API calls, file PUT/GET, control routes).
 */
export interface EmulatorModule {
  name: string;
  actions?: Record<string, ActionHandler>;
  http?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;
  close?: () => Promise<void> | void;
}
