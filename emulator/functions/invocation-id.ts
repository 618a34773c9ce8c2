/**
 * Which function invocation sent an SDK request. The runner sets TCB_SEQID to the invocation's
 * request id in the function's (isolated) environment, and the SDK puts `seqId=<TCB_SEQID>-<event>`
 * on every request's URL: that is how the emulator knows whose request it is.
 */
export function invocationOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const seqId = new URLSearchParams(url.slice(q + 1)).get('seqId');
  if (!seqId) return undefined;
  const dash = seqId.indexOf('-');
  return dash > 0 ? seqId.slice(0, dash) : undefined;
}
