// Lint: typescript-eslint's recommended rules plus the project's own boundaries.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only the VS Code adapter layers may import vscode.' };

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
    // The client, the bulk engine, the history, the health check, the page's shared files, the emulator and the
    // benchmark run under plain Node (or in the webview): no `vscode` there. See ARCHITECTURE.md.
    files: [
      'src/partnerCenter/**/*.ts', 'src/bulk/**/*.ts', 'src/history/**/*.ts', 'src/change/**/*.ts', 'src/health/**/*.ts', 'src/storage/**/*.ts', 'src/webview/shared/**/*.ts',
      'test/emulator/**/*.ts', 'test/unit/**/*.ts', 'bench/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode] }],
    },
  },
  {
    // The webview page runs in the browser: it imports its own files and src/webview/shared only.
    files: ['src/webview/page/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['../*', '!../shared', '!../shared/*'], message: 'The page imports only src/webview/shared (and its own files).' }],
      }],
    },
  },
);
