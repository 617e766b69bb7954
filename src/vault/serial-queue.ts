// Runs async tasks one at a time, in call order, so read-modify-write cycles on the stored vault
// never interleave (two concurrent `setKey`s would otherwise both read the old state and one
// would be lost).

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The queue continues whether or not a task failed; the caller still sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
