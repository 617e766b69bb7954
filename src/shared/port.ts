// The parts of `runtime.Port` Parley uses on either end. Both ends take it injected, so unit tests
// drive them with fakes.
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
