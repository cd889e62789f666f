import type { AreaFactory } from './types';

export const auditLogHandlers: AreaFactory<'auditLog'> = (ws) => ({
  'auditLog.list': (_ctx, input) => ws.audit.query(input),
  'auditLog.facets': () => ws.audit.facets(),
});
