import { actorOf } from '../../governance/users';
import { toJsonLines, toOtlpJson } from '../../traces/otlpExport';
import { replayTrace } from '../../traces/replay';
import { signedIn, type AreaFactory } from './types';

export const tracesHandlers: AreaFactory<'traces'> = (ws) => ({
  'traces.list': (_ctx, input) => ws.traces.list(input),
  'traces.get': (_ctx, input) => ws.traces.get(input.id),
  'traces.resources': (_ctx, input) => {
    ws.traces.get(input.id); // an unknown id is an error, not an empty chart
    return ws.samples.forTrace(input.id);
  },
  'traces.replay': (ctx, input) => replayTrace(ws, input.id, signedIn(ctx), ctx.source),
  'traces.export': (ctx, input) => {
    const { format, limit, ...filter } = input;
    const traces = ws.traces.listFull(filter, limit);
    // Recorded runs leaving the workspace in bulk is worth an audit line.
    ws.audit.record({ actor: actorOf(signedIn(ctx)), source: ctx.source, action: 'traces.export', after: { format, count: traces.length, filter } });
    // A signed checkpoint at every export (ledger issue): what left the workspace is pinned to a signed root.
    ws.ledger.checkpointQuietly('export');
    return { format, count: traces.length, content: format === 'otlp' ? toOtlpJson(traces) : toJsonLines(traces) };
  },
});
