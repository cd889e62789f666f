import { describe, expect, it } from 'vitest';
import { parseModelRef } from '../../electron/core/models/modelRef';

describe('model references', () => {
  it('parses NAME, NAME@VERSION, NAME@LABEL and sha256:HEX', () => {
    expect(parseModelRef('demo-assistant')).toEqual({ kind: 'name', name: 'demo-assistant' });
    expect(parseModelRef('demo-assistant@2')).toEqual({ kind: 'version', name: 'demo-assistant', version: 2 });
    expect(parseModelRef('demo-assistant@production')).toEqual({ kind: 'label', name: 'demo-assistant', label: 'production' });
    expect(parseModelRef('sha256:ABCDEF012345')).toEqual({ kind: 'sha256', sha256: 'abcdef012345' });
  });

  it('refuses malformed references with a typed error', () => {
    expect(() => parseModelRef('sha256:xyz')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => parseModelRef('@3')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => parseModelRef('name@')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
