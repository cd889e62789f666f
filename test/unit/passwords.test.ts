import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../electron/core/governance/passwords';

describe('password hashing', () => {
  it('uses scrypt with a per-user salt and verifies only the right password', async () => {
    const a = await hashPassword('correct-horse-1');
    const b = await hashPassword('correct-horse-1');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct-horse-1', a)).toBe(true);
    expect(await verifyPassword('correct-horse-2', a)).toBe(false);
    expect(await verifyPassword('correct-horse-1', 'md5$abc')).toBe(false);
  });
});
