/**
 * Where a resumable job keeps its place between runs (`job_checkpoints/<job id>`): a run that stops
 * (its time budget, a crash, the function's timeout) continues from the checkpoint next time.
 */
import { readOrNull, type Database } from './database';

export const JOB_CHECKPOINTS = 'job_checkpoints';

export function loadCheckpoint<T extends object>(db: Database, jobId: string): Promise<T | null> {
  return readOrNull<T>(db.collection(JOB_CHECKPOINTS).doc(jobId));
}

export async function saveCheckpoint<T extends object>(db: Database, jobId: string, checkpoint: T): Promise<void> {
  await db
    .collection(JOB_CHECKPOINTS)
    .doc(jobId)
    .set({ data: { ...(checkpoint as Record<string, unknown>) } });
}
