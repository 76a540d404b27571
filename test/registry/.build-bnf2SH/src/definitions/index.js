// The definitions module: read, check and write transformation definitions.
export { parseDefinition } from './parse.js';
export { renderDefinition } from './render.js';
export { loadDefinitionDir, definitionFileNames, referencesLimitBytes } from './load.js';
export { definitionCategory, definitionDescription } from './describe.js';
export { isCategory } from './front-matter.js';
export * from './types.js';
