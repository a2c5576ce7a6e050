// Flat ESLint config: type-aware rules for all TypeScript in api, libs and client,
// Angular rules for the client's components and templates, no import cycles anywhere,
// and Prettier's config last so no style rule fights the formatter.
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.angular/**',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.js',
      // graphql-codegen output, checked by the drift test in libs/contracts instead.
      'libs/contracts/src/generated/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Static methods passed by reference (Angular's Validators.required) have no instance to lose.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
    },
  },
  // No import cycles in any project. The resolver knows the tsconfig paths
  // (@verbatim/analysis, @verbatim/interop, @verbatim/transcript) so cycles across libs are seen too.
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'tsconfig.base.json',
            'api/tsconfig.json',
            'client/tsconfig.json',
            'client/e2e/tsconfig.json',
            'libs/analysis/tsconfig.json',
            'libs/analysis/eval/tsconfig.json',
            'libs/contracts/tsconfig.json',
            'libs/interop/tsconfig.json',
            'libs/transcript/tsconfig.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  // Module boundaries: libs import only libs; api and client never import each other.
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+(api|client)/', message: 'libs never import api or client' },
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(\\.\\./)+client/', message: 'the api never imports the client' }],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+api/',
              message: 'the client knows the api only through its schema',
            },
          ],
        },
      ],
    },
  },
  // Angular: component and directive rules for the client's TypeScript (inline templates
  // included), template and accessibility rules for its .html templates.
  {
    files: ['client/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'vb', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'vb', style: 'camelCase' },
      ],
    },
  },
  {
    files: ['client/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/e2e/**/*.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
