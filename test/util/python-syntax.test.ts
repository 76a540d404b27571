// The kept Python parser (src/util/python-syntax.ts): loaded once, offsets in UTF-16 code units,
// trees deleted by withTree even when the callback throws, and the first syntax error located.
import { describe, expect, it, vi } from 'vitest';
import {
  firstSyntaxError,
  loadPython,
  pythonGrammarPath,
  walkNamed,
  type PythonNode,
} from '../../src/util/python-syntax.js';

describe('loadPython', () => {
  it('loads the grammar once: every call gets the same parser', async () => {
    const [a, b] = await Promise.all([loadPython(), loadPython()]);
    expect(a).toBe(b);
    expect(await loadPython()).toBe(a);
    expect(pythonGrammarPath()).toMatch(/tree-sitter-python[\\/]tree-sitter-python\.wasm$/);
  });

  it('parses synchronously once loaded', async () => {
    const python = await loadPython();
    const type = python.withTree(
      'def handler(event, context):\n    return 1\n',
      (tree) => tree.rootNode.child(0)?.type,
    );
    expect(type).toBe('function_definition');
  });
});

describe('offsets', () => {
  // Before `import`: 2-byte é and ö, 3-byte €, 2-byte Cyrillic and a 4-byte emoji (two UTF-16 units).
  const text = 'greeting = "héllo wörld €5 😀"\n# привет 🐍🐍\nx = "😀"; import imp\n';

  it('gives startIndex and column in UTF-16 code units, the indexes of the JS string', async () => {
    const python = await loadPython();
    python.withTree(text, (tree) => {
      const node = tree.rootNode.descendantsOfType('import_statement')[0]!;
      const at = text.indexOf('import imp');
      expect(Buffer.byteLength(text.slice(0, at))).not.toBe(at); // the test means something
      expect(node.startIndex).toBe(at);
      expect(text.slice(node.startIndex, node.endIndex)).toBe('import imp');
      expect(node.startPosition).toEqual({ row: 2, column: 'x = "😀"; '.length });
      expect(node.text).toBe('import imp');
    });
  });
});

describe('withTree', () => {
  it('deletes the tree after the callback returns and after it throws', async () => {
    const python = await loadPython();
    let returned: ReturnType<typeof vi.spyOn> | undefined;
    python.withTree('x = 1\n', (tree) => {
      returned = vi.spyOn(tree, 'delete');
    });
    expect(returned).toHaveBeenCalledTimes(1);

    let thrown: ReturnType<typeof vi.spyOn> | undefined;
    expect(() =>
      python.withTree('x = 1\n', (tree) => {
        thrown = vi.spyOn(tree, 'delete');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(thrown).toHaveBeenCalledTimes(1);
  });
});

describe('firstSyntaxError', () => {
  it('is undefined for valid Python', async () => {
    const python = await loadPython();
    expect(python.withTree('import os\nprint(os.sep)\n', firstSyntaxError)).toBeUndefined();
  });

  it('names the line of a missing token', async () => {
    const python = await loadPython();
    const error = python.withTree('import os\n\ndef handler(event:\n    return 1\n', firstSyntaxError);
    expect(error?.line).toBe(3);
  });

  it('names the line of text that fits nowhere, after non-ASCII lines', async () => {
    const python = await loadPython();
    const error = python.withTree('s = "ünïcödé 😀"\nx = 1\ny = = 2\nz = (\n', firstSyntaxError);
    expect(error).toMatchObject({ line: 3, kind: 'ERROR' });
  });
});

describe('walkNamed', () => {
  it('visits named nodes in document order and skips what a visit refuses', async () => {
    const python = await loadPython();
    const seen: string[] = [];
    python.withTree('def f():\n    import a\nimport b\n', (tree) =>
      walkNamed(tree.rootNode, (node: PythonNode) => {
        if (node.type === 'dotted_name') seen.push(node.text);
        return node.type !== 'function_definition';
      }),
    );
    expect(seen).toEqual(['b']);
  });
});
