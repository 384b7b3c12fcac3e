// Lint: typescript-eslint's recommended rules plus the project's own boundaries.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-vsix/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', 'test/integration/fixtures/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // The client, the emulator and the benchmark run under plain Node: no `vscode` there.
    files: ['src/partnerCenter/**/*.ts', 'test/emulator/**/*.ts', 'test/unit/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only the VS Code adapter layers may import vscode.' }] }],
    },
  },
);
