import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { METHOD_NAMES, methods } from '../../shared/contract';
import { PERMISSIONS, ROLES, roleMayCall } from '../../shared/permissions';

describe('the contract', () => {
  it('declares an access rule and zod schemas for every method', () => {
    const allowed = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);
    for (const name of METHOD_NAMES) {
      const spec = methods[name];
      expect(allowed.has(spec.access), `${name} has no valid access rule`).toBe(true);
      expect(spec.input, name).toBeInstanceOf(z.ZodType);
      expect(spec.output, name).toBeInstanceOf(z.ZodType);
      expect(spec.summary.length, `${name} needs a summary`).toBeGreaterThan(10);
    }
  });

  it('keeps public methods to sign-in and first set-up', () => {
    const open = METHOD_NAMES.filter((n) => methods[n].access === 'public');
    expect(open.sort()).toEqual(['auth.login', 'auth.useLaunchToken', 'setup.createAdmin', 'setup.status']);
  });

  it('gives the reviewer read access but not runs, and the admin everything', () => {
    expect(roleMayCall('reviewer', 'traces.read')).toBe(true);
    expect(roleMayCall('reviewer', 'runs.create')).toBe(false);
    expect(roleMayCall('analyst', 'runs.create')).toBe(true);
    expect(roleMayCall('analyst', 'models.write')).toBe(false);
    for (const p of PERMISSIONS) expect(roleMayCall('admin', p)).toBe(true);
    for (const r of ROLES) expect(roleMayCall(r, 'authenticated')).toBe(true);
  });

  it('rejects an empty or oversized prompt at the door', () => {
    const input = methods['runs.create'].input;
    expect(input.safeParse({ model: 'm', prompt: ' \n ' }).success).toBe(false);
    expect(input.safeParse({ model: 'm', prompt: 'x'.repeat(200_001) }).success).toBe(false);
    expect(input.safeParse({ model: 'm', prompt: 'hello' }).success).toBe(true);
    expect(input.safeParse({ model: 'm', prompt: 'hello', params: { temperature: 9 } }).success).toBe(false);
  });
});
