import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'data/', 'drizzle/', 'bench/results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// TypeScript already reports undefined names, with types ESLint cannot see.
			'no-undef': 'off'
		}
	},
	{
		// A `value` or `checked` that Svelte sets on hydration overwrites what the user typed or
		// ticked before the page's scripts had loaded (and blocks a `required` form from sending).
		// Server values go in as defaults instead, which the browser never lets clobber input. A
		// select applies its default only when created: one whose server value can change while the
		// page is open sits in {#key value}.
		files: ['src/**/*.svelte'],
		// The plan editor's fields follow the shared document and exist only once it has synced.
		ignores: ['src/lib/components/plan/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						"SvelteElement[name.name='input']:not(:has(SvelteAttribute[key.name='type'] > SvelteLiteral[value=/^(hidden|checkbox|radio|submit|button)$/])) > SvelteStartTag > SvelteAttribute[key.name='value'][value.0.type='SvelteMustacheTag']",
					message: 'Use defaultValue={…} (or bind:value) so hydration keeps what was typed.'
				},
				{
					selector:
						"SvelteElement[name.name='select'] > SvelteStartTag > SvelteAttribute[key.name='value'][value.0.type='SvelteMustacheTag']",
					message: 'Use defaultValue={…} (or bind:value) so hydration keeps what was chosen.'
				},
				{
					selector:
						"SvelteElement[name.name='option'] > SvelteStartTag > SvelteAttribute[key.name='selected'][value.0.type='SvelteMustacheTag']",
					message: "Use the select's defaultValue={…} so hydration keeps what was chosen."
				},
				{
					selector:
						"SvelteElement[name.name='input'] > SvelteStartTag > SvelteAttribute[key.name='checked'][value.0.type='SvelteMustacheTag']",
					message: 'Use defaultChecked={…} (or bind:) so hydration keeps what was ticked.'
				},
				{
					selector:
						"SvelteElement[name.name='input']:not(:has(SvelteAttribute[key.name='type'] > SvelteLiteral[value=/^(hidden|checkbox|radio|submit|button)$/])) > SvelteStartTag > SvelteShorthandAttribute[key.name='value'], SvelteElement[name.name=/^(select|textarea)$/] > SvelteStartTag > SvelteShorthandAttribute[key.name='value'], SvelteElement[name.name='input'] > SvelteStartTag > SvelteShorthandAttribute[key.name='checked']",
					message: 'Use defaultValue={…} / defaultChecked={…} so hydration keeps what was typed.'
				},
				{
					selector:
						'SvelteElement[name.name=/^(input|select|textarea)$/] > SvelteStartTag > SvelteSpreadAttribute',
					message: 'Name the attributes of a form field, so a value cannot be spread in.'
				},
				{
					selector:
						"SvelteElement[name.name='textarea'] > SvelteMustacheTag, SvelteElement[name.name='textarea'] > SvelteStartTag > SvelteAttribute[key.name='value'][value.0.type='SvelteMustacheTag']",
					message: 'Bind the textarea (bind:value) so hydration keeps what was typed.'
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
