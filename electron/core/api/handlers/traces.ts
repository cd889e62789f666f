import type { AreaFactory } from './types';

export const tracesHandlers: AreaFactory<'traces'> = (ws) => ({
  'traces.list': (_ctx, input) => ws.traces.list(input),
  'traces.get': (_ctx, input) => ws.traces.get(input.id),
});
