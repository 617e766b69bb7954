// Runs a script of stream steps onto one HTTP response and records how the stream ended.
// The outcome comes from the response's `close`: finished by us, destroyed by us (cut / server
// close), or closed by the client first (client-aborted).
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestLog } from './request-log';
import { commentBlock, isDataEvent, type StreamStep } from './stream-steps';
import type { RecordedRequest, StreamOutcome } from './types';

export class StreamSession {
  private stalled = false;
  private outcomeByServer?: StreamOutcome;
  /** Aborted when no more should be written: cancels the pending wait at once. */
  private readonly stop = new AbortController();

  constructor(
    private readonly res: ServerResponse,
    private readonly record: RecordedRequest,
    private readonly log: RequestLog,
    onEnded: (session: StreamSession) => void,
  ) {
    record.streamed = true;
    record.eventsSent = 0;
    // Writes racing a closed socket are expected here; the outcome says what happened.
    res.on('error', () => {});
    res.once('close', () => {
      this.stop.abort();
      record.outcome =
        this.outcomeByServer ?? (res.writableFinished ? 'completed' : 'client-aborted');
      record.endedAt = Date.now();
      log.changed(record);
      onEnded(this);
    });
  }

  /** Sends the headers at once, then the steps; ends the response when they run out. */
  async run(status: number, headers: Record<string, string>, steps: Iterable<StreamStep>) {
    this.res.writeHead(status, headers);
    this.res.flushHeaders();
    this.record.status = status;
    this.log.changed(this.record);
    try {
      for (const step of steps) {
        if (this.stop.signal.aborted) return;
        await this.perform(step);
      }
      if (!this.stop.signal.aborted) this.res.end();
    } catch (error) {
      // An abort during a wait is how a stream ends early; anything else is a bug.
      if (!this.stop.signal.aborted) throw error;
    }
  }

  /** Ends the stream from the server side (the server is closing). */
  terminate(): void {
    this.destroy(this.stalled ? 'stalled' : 'cut');
  }

  private destroy(outcome: StreamOutcome): void {
    if (this.stop.signal.aborted) return;
    this.outcomeByServer = outcome;
    this.stop.abort();
    this.res.destroy();
  }

  private async perform(step: StreamStep): Promise<void> {
    switch (step.type) {
      case 'write':
        return this.write(step.chunk);
      case 'wait':
        return this.wait(step.ms);
      case 'stall':
        this.stalled = true;
        this.record.stalledAt = Date.now();
        this.log.changed(this.record);
        await this.stall(step.ms, step.keepAliveEveryMs, step.keepAliveComment);
        this.stalled = false;
        return;
      case 'cut':
        return this.destroy('cut');
    }
  }

  private async write(chunk: string | Buffer): Promise<void> {
    const signal = this.stop.signal;
    if (signal.aborted) return;
    // Wait until the chunk is handed to the OS: a cut right after must not drop it, and
    // `eventsSent` then counts what really left.
    await new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done);
      this.res.write(chunk, done);
    });
    if (signal.aborted) return;
    if (isDataEvent(chunk)) {
      this.record.eventsSent = (this.record.eventsSent ?? 0) + 1;
      this.log.changed(this.record);
    }
  }

  private async wait(ms: number): Promise<void> {
    const signal = this.stop.signal;
    if (Number.isFinite(ms)) return sleep(ms, undefined, { signal });
    // "Forever": until the client goes away or the server closes.
    if (signal.aborted) return;
    await once(signal, 'abort');
  }

  private async stall(ms: number, keepAliveEveryMs: number | undefined, comment: string) {
    if (!keepAliveEveryMs) return this.wait(ms);
    // A comment at every whole period strictly inside the stall: a count that timer drift
    // under load cannot change.
    let left = ms;
    while (left > keepAliveEveryMs && !this.stop.signal.aborted) {
      await this.wait(keepAliveEveryMs);
      await this.write(commentBlock(comment));
      left -= keepAliveEveryMs;
    }
    await this.wait(left);
  }
}
