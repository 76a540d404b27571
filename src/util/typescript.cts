// The TypeScript compiler that ts-morph bundles (TypeScript 6; `typescript@7` has no JavaScript
// API), loaded on its own: atx walks the compiler's nodes and never needs ts-morph's wrappers,
// and importing ts-morph from an ES module also compiled ts-morph and @ts-morph/common and scanned
// their source for exports, a tenth of a dry run. Where the CLI keeps V8's compiled code of it
// (compile-cache.cts), it is loaded from there first.
import { preloadCompiled } from './compile-cache.cjs';
preloadCompiled('@ts-morph/common/dist/typescript.js');
import compiler = require('@ts-morph/common/dist/typescript.js');
export import ts = compiler;
