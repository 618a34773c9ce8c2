/**
 * What the `payment` function answers. WeChat counts a notification as received only on
 * `errcode: 0` and re-delivers anything else (for up to two days), so the answer is a decision:
 *  - ACK: handled (or a replay of something handled).
 *  - refused(): acknowledged, nothing changed. WeChat Pay's own record does not vouch for the
 *    notification (forged, or not ours); asking again would get the same answer. The reason goes to
 *    the log for staff, never to the caller, who may be the forger.
 *  - retryLater(): not acknowledged, nothing changed. We could not find out (WeChat Pay's query
 *    failed, the database failed); a genuine notification must come again.
 */
export interface NotificationAck {
  errcode: number;
  errmsg: string;
}

export const ACK: NotificationAck = { errcode: 0, errmsg: 'OK' };

export const REFUSED_ERRMSG = 'REFUSED';

export function refused(): NotificationAck {
  return { errcode: 0, errmsg: REFUSED_ERRMSG };
}

export function retryLater(): NotificationAck {
  return { errcode: 1, errmsg: 'retry later' };
}

export type NotificationLog = { error(message: string, detail?: unknown): void };
