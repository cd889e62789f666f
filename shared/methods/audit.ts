import { z } from 'zod';
import { SOURCES } from '../domain';
import { method } from './method';

/** One recorded action: who (and in what role), from where, what, on what, before and after. */
export const AuditEventSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string().nullable(),
  source: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

const ISO_TIME = z.iso.datetime({ offset: true, error: 'Use an ISO-8601 time, e.g. 2025-01-31T09:00:00Z' });

export const AuditFilterSchema = z.object({
  actor: z.string().trim().min(1).max(64).optional(),
  /** An exact action, or a prefix ending in a dot ("user." for every user change). */
  action: z.string().trim().min(1).max(64).optional(),
  source: z.enum([...SOURCES, 'system']).optional(),
  /** Matches targets that contain this text. */
  target: z.string().trim().min(1).max(200).optional(),
  from: ISO_TIME.optional(),
  to: ISO_TIME.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const auditLogMethods = {
  'auditLog.list': method({
    summary: 'Recorded actions, newest first, filtered by actor, action, source, target and time',
    access: 'audit.read',
    input: AuditFilterSchema.extend({
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ events: z.array(AuditEventSchema), total: z.number().int() }),
  }),
  'auditLog.facets': method({
    summary: 'The actors, actions and sources that occur in the audit log, for filters',
    access: 'audit.read',
    input: z.object({}),
    output: z.object({ actors: z.array(z.string()), actions: z.array(z.string()), sources: z.array(z.string()) }),
  }),
};
