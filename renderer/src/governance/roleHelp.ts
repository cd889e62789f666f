import type { Role } from '../../../shared/permissions';

/** What each role is for, in one sentence (the README's matrix has the details). */
export const ROLE_HELP: Record<Role, string> = {
  admin: 'Admin: everything, plus users, roles and settings. Approvals still follow separation of duties.',
  engineer: 'Engineer: imports and versions models and prompts, runs them, and requests approval.',
  analyst: 'Analyst: runs, compares and evaluates models, and reads traces.',
  reviewer: 'Reviewer: reads everything, approves, exports and signs off; runs nothing.',
};
