// A kept Python parser: tree-sitter's Python grammar (tree-sitter-python, as WebAssembly) run by
// web-tree-sitter (https://tree-sitter.github.io/tree-sitter/using-parsers/). Loading is async and
// done once per process; parsing is synchronous after that, so an async codemod loads in `run()`
// and then reads every file in a plain loop.
//
// Offsets: tree-sitter counts UTF-8 bytes in C, but web-tree-sitter hands it a JavaScript string
// as UTF-16, so a node's `startIndex` and `startPosition.column` are UTF-16 code units: indexes
// into the JS string (test/util/python-syntax.test.ts checks this on text with accents and emoji).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as PythonNode, Tree as PythonTree } from 'web-tree-sitter';

export interface PythonParser {
  /** The syntax tree of `text`. The caller owns it and must call `tree.delete()` (see `withTree`). */
  parse(text: string): Tree;
  /** Parses `text`, gives the tree to `fn` and deletes it afterwards, whether `fn` returns or throws. */
  withTree<T>(text: string, fn: (tree: Tree) => T): T;
}

/** Where a text stops being Python: the first node the parser could not place or had to invent. */
export interface PythonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** `ERROR` (text that fits nowhere) or `MISSING` (a token the parser assumed, such as `)`). */
  kind: 'ERROR' | 'MISSING';
  /** What it was: the unexpected text, or the token that is missing. */
  text: string;
}

let loading: Promise<PythonParser> | undefined;

/** The Python parser, loaded on the first call; every later call gets the same one. */
export function loadPython(): Promise<PythonParser> {
  loading ??= load().catch((error: unknown) => {
    // A failed load (a missing wasm file) is not kept: the next call tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Where the grammar's WebAssembly lies: beside tree-sitter-python's package.json. */
export function pythonGrammarPath(): string {
  const manifest = createRequire(import.meta.url).resolve('tree-sitter-python/package.json');
  return join(dirname(manifest), 'tree-sitter-python.wasm');
}

async function load(): Promise<PythonParser> {
  await Parser.init();
  const language = await Language.load(pythonGrammarPath());
  const parser = new Parser();
  parser.setLanguage(language);
  const parse = (text: string): Tree => {
    const tree = parser.parse(text);
    // Only a timeout or a cancellation returns null, and neither is ever set here.
    if (!tree) throw new Error('tree-sitter returned no tree for a Python text');
    return tree;
  };
  return {
    parse,
    withTree(text, fn) {
      const tree = parse(text);
      try {
        return fn(tree);
      } finally {
        tree.delete();
      }
    },
  };
}

/** The first syntax error of a tree in document order, or undefined when the text parsed cleanly. */
export function firstSyntaxError(tree: Tree): PythonSyntaxError | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const node = firstErrorNode(tree.rootNode);
  const missing = node.isMissing;
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    kind: missing ? 'MISSING' : 'ERROR',
    text: missing ? node.type : node.text.split('\n', 1)[0]!.slice(0, 80),
  };
}

/** Follows the first child holding an error down to an ERROR or MISSING node. */
function firstErrorNode(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.isError || current.isMissing) return current;
    const next = current.children.find((child) => child.hasError || child.isMissing);
    if (!next) return current;
    current = next;
  }
}

/**
 * Calls `visit` on `root` and every named node under it, in document order. Returning false from
 * `visit` skips what the node holds. Walks with one cursor, which is cheaper than `children` arrays.
 */
export function walkNamed(root: Node, visit: (node: Node) => boolean | void): void {
  const cursor = root.walk();
  try {
    let descend = true;
    for (;;) {
      if (descend && cursor.nodeIsNamed && visit(cursor.currentNode) === false) descend = false;
      if (descend && cursor.gotoFirstChild()) continue;
      descend = true;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
