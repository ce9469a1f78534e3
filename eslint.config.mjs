import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.work/**', 'bench/peer/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Configuration in one place: libs/config parses the environment once and every entry point passes
    // the result on. Tests and bench scripts are exempt: they set variables for the servers and CLI
    // processes they spawn, and read their own (CI, JEST_WORKER_ID, ASHIATO_TEST_PG_URL, …).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['libs/config/src/process-env.ts', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from the parsed Env of @ashiato/config (passed in), not process.env.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='env'][object.property.name='process']",
          message: 'Read configuration from the parsed Env of @ashiato/config (passed in), not process.env.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
