// The model client's surface for the background: only what is imported through `@/client`.
// Types come from `@/client/types`; tools and tests import the modules they need directly.

export { streamTurn } from './stream-turn';
export { listModels } from './models';
export { ClientError } from './errors';
