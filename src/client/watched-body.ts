/**
 * Wraps a response body so every chunk read from the network (SSE comments and keep-alives
 * included) counts as activity, as does each wait for the next chunk starting: time the
 * consumer spends between reads is not silence from the provider.
 */
export function watchBody(
  body: ReadableStream<Uint8Array>,
  onActivity: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        onActivity();
        const { done, value } = await reader.read();
        onActivity();
        try {
          if (done) controller.close();
          else controller.enqueue(value);
        } catch {
          // Cancelled while the read was pending: nothing left to deliver.
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
