import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ADAPTER_SENTENCE, DEMO_SENTENCES } from '../../electron/core/models/demoModels';
import { permissionsTable } from '../../scripts/permissions-table';
import { ROOT } from '../helpers/cli';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('shows the permission matrix generated from the code', () => {
    const block = /<!-- permissions:start -->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme)?.[1];
    expect(block, 'regenerate with: npx tsx scripts/permissions-table.ts').toBe(permissionsTable());
  });

  it('states both demo sentences exactly', () => {
    expect(readme).toContain(DEMO_SENTENCES[1]);
    expect(readme).toContain(DEMO_SENTENCES[2]);
    expect(readme).toContain(DEMO_ADAPTER_SENTENCE);
  });
});
