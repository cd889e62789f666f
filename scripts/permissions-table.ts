// Prints the role × permission matrix from shared/permissions.ts as Markdown,
// so the README's table is generated from the code (test/unit checks it).
import { PERMISSIONS, ROLES, roleHas } from '../shared/permissions';

export function permissionsTable(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|${ROLES.map(() => ':---:').join('|')}|`;
  const rows = PERMISSIONS.map((p) => `| \`${p}\` | ${ROLES.map((r) => (roleHas(r, p) ? '✓' : '—')).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

if (process.argv[1]?.endsWith('permissions-table.ts')) console.log(permissionsTable());
