// Lint, including the house's dependency direction (../shared/DESIGN.md rule 1):
// core never imports electron, the renderer never imports main-process code,
// shared imports nothing but zod.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronImport = { name: 'electron', message: 'electron/core must run under plain Node: it never imports electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [{ group: ['**/main/*', '**/preload/*', '**/renderer/*'], message: 'core may not import the shell or the UI.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the app only through the contract client.' }],
          patterns: [
            { group: ['**/electron/*', '**/electron/**'], allowTypeImports: true, message: 'The renderer may not import main-process code (import type only).' },
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|zod/|\\./)', message: 'shared/ imports nothing but zod and itself.' }] },
      ],
    },
  },
  {
    files: ['shared/*/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|zod/|\\./|\\.\\./(?!\\.\\.))', message: 'shared/ imports nothing but zod and itself.' }] },
      ],
    },
  },
);
