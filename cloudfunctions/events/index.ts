import { cloud } from '../shared/cloud';
import type { Database } from '@core/platform/database';
import { handlePush } from '@core/feedback/feedback.events';

let db: Database | undefined;

/**
 * WeChat's message pushes (消息推送 to this function): the image checks' verdicts. Only WeChat may
 * call it (a security rule denies client invocation, README deploy steps); a forged verdict would
 * still change nothing, since it is matched on a trace id no client ever sees.
 */
export const main = async (event: unknown) => {
  db ??= cloud.database() as unknown as Database;
  const { reply } = await handlePush(db, event);
  return reply;
};
