// Start-up recovery after the worker stopped: what was in flight is marked interrupted (text
// kept), and what was still waiting is handed back to be re-enqueued in its original order.
import type { ChatMessage } from '@/shared/conversation';
import type { ConversationStore } from './conversation-store';
import type { JobStore } from './job-store';
import type { GenerationJob } from './schema';

export interface RecoveredState {
  /** Answers cut off by the stop: show them with Continue / Retry. */
  interrupted: ChatMessage[];
  /** Jobs to pass to `RequestQueue.restore`, in their original order. */
  queued: GenerationJob[];
}

/**
 * A running chat job died with the worker: its record is removed (the user decides to continue
 * or retry the interrupted answer). A running title job has nothing to lose by running again, so
 * it goes back to the queue. Idempotent: a crash halfway through is repaired by the next start.
 */
export async function recoverAfterRestart(
  conversations: ConversationStore,
  jobs: JobStore,
  now: number,
): Promise<RecoveredState> {
  const interrupted = await conversations.markInFlightInterrupted(now);
  const queued: GenerationJob[] = [];
  for (const job of await jobs.list()) {
    if (job.state === 'queued') queued.push(job);
    else if (job.kind === 'title') queued.push(await jobs.setState(job.id, 'queued'));
    else await jobs.remove(job.id);
  }
  return { interrupted, queued };
}
