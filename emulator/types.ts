import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorClock } from './clock';

/** The WeChat context a function invocation sees through `cloud.getWXContext()`. */
export interface WxContext {
  OPENID: string;
  APPID: string;
  UNIONID?: string;
  SOURCE?: string;
}

/** The function an SDK request came from (found through the request's seqId while the invocation runs). */
export interface RequestCaller {
  functionName: string;
  /** The open APIs its config.json lists under permissions.openapi (none listed: an empty list). */
  openapi: readonly string[];
}

/** How verdicts of `security.mediaCheckAsync` reach the message-push function. */
export interface MediaCheckDelivery {
  /** 'auto': each verdict is pushed `delayMs` (real time) after the check; 'manual': held until /control delivers it. */
  mode: 'auto' | 'manual';
  delayMs: number;
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
  /** The function invocation that sent this SDK request, or null when it came from outside one (a test, a script). */
  callerOf(req: IncomingMessage): RequestCaller | null;
  /** The OPENID of the H5 gateway session an `Authorization: Bearer` header carries, or null. */
  sessionOpenid(authorization: string | undefined): string | null;
  /**
   * WeChat's 消息推送 (cloud console → 消息推送 → 云函数): the function that receives message
   * pushes such as `wxa_media_check`; null when none is configured (pushes are kept, not delivered).
   */
  messagePush: { function: string } | null;
  mediaCheckDelivery: MediaCheckDelivery;
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
