import type { Database } from './database';
import { route, routeTimer, type ActionTable, type JobTable, type Logger } from './router';
import type { Result } from './result';

/** The part of wx-server-sdk an entry needs; passed in so core never imports the SDK. */
export interface CloudLike {
  getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; SOURCE?: string };
  database(): unknown;
}

/**
 * Builds a function's `main`: identity from the WeChat context, then the router. The database
 * handle is created once per warm instance, as WeChat reuses instances between calls.
 */
export function createMain(cloud: CloudLike, table: ActionTable, log: Logger = console): (event: unknown) => Promise<Result<unknown, string>> {
  let db: Database | undefined;
  return async (event) => {
    db ??= cloud.database() as Database;
    const wx = cloud.getWXContext();
    const caller = { openid: String(wx.OPENID ?? ''), appid: String(wx.APPID ?? ''), unionid: wx.UNIONID ? String(wx.UNIONID) : undefined, source: wx.SOURCE };
    return route(table, event, { caller, db }, log);
  };
}

/** Builds the `main` of a function that only runs timer-triggered jobs (see routeTimer). */
export function createJobsMain(cloud: CloudLike, jobs: JobTable, log: Logger = console): (event: unknown) => Promise<Result<unknown, string>> {
  let db: Database | undefined;
  return async (event) => {
    db ??= cloud.database() as Database;
    const wx = cloud.getWXContext();
    const caller = { openid: String(wx.OPENID ?? ''), appid: String(wx.APPID ?? ''), unionid: wx.UNIONID ? String(wx.UNIONID) : undefined, source: wx.SOURCE };
    return routeTimer(jobs, event, { caller, db }, log);
  };
}
