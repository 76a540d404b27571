// Where an import runs: plainly, in a `try:` whose `except ImportError` catches its failure (and
// maybe imports a fallback), as that fallback itself, or under a check of the Python version.
import type { PythonNode as Node } from '../../util/python-syntax.js';
import type { Severity } from '../types.js';

export interface ImportContext {
  where: 'plain' | 'try' | 'handler';
  /** In a try: whether an except branch catches ImportError. */
  caught?: boolean;
  /** In a try: the module the except branch imports instead. In a handler: the module the try imports. */
  other?: string;
  /** The condition of an enclosing `if` that checks the Python version (`sys.version_info < (3, 12)`). */
  versionCheck?: string;
}

const importErrors = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const versionTest = /\bversion_info\b|\bsys\.version\b|\bPY[23]\b|\bPY3\d+\b/;

/** Whether an except clause catches a failed import: bare, or naming ImportError or a base of it. */
function catchesImportError(clause: Node): boolean {
  let value = clause.childForFieldName('value');
  if (!value) return true;
  if (value.type === 'as_pattern') value = value.namedChildren[0] ?? value;
  const names = value.type === 'identifier' ? [value] : value.descendantsOfType('identifier');
  return names.some((name) => name !== null && importErrors.has(name.text));
}

/** The module the first import statement under `node` imports. */
function firstImport(node: Node | null): string | undefined {
  const statement = node?.descendantsOfType(['import_statement', 'import_from_statement'])[0];
  if (!statement) return undefined;
  if (statement.type === 'import_from_statement') return statement.childForFieldName('module_name')?.text;
  const name = statement.childForFieldName('name');
  return name?.type === 'aliased_import' ? name.childForFieldName('name')?.text : name?.text;
}

/** The context of `node` (an import statement or a call), up to the function it runs in. */
export function importContext(node: Node): ImportContext {
  let context: ImportContext | undefined;
  let versionCheck: string | undefined;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'function_definition' || parent.type === 'lambda') break;
    if (!context && parent.type === 'try_statement' && parent.childForFieldName('body')?.id === child.id) {
      const handler = parent.namedChildren.find(
        (clause) => clause.type.startsWith('except') && catchesImportError(clause),
      );
      context = { where: 'try', caught: !!handler, other: handler ? firstImport(handler) : undefined };
    } else if (!context && parent.type === 'except_clause' && child.type === 'block' && catchesImportError(parent)) {
      context = { where: 'handler', other: firstImport(parent.parent?.childForFieldName('body') ?? null) };
    }
    const condition =
      parent.type === 'if_statement' || parent.type === 'elif_clause' ? parent.childForFieldName('condition') : null;
    if (!versionCheck && condition && child.id !== condition.id && versionTest.test(condition.text))
      versionCheck = condition.text;
  }
  return { ...(context ?? { where: 'plain' }), ...(versionCheck ? { versionCheck } : {}) };
}

/** What a finding on an import says, before its context is known. */
export interface Said {
  /** What changed: `imp was removed in Python 3.12`. */
  base: string;
  /** What that does to the import: `this import fails on Python 3.12 and later`. */
  fails: string;
  /** What to do: `use importlib`. */
  instead: string;
  /** The severity of a plain import. */
  plain: Severity;
  /** The module or API, as the message names it. */
  what: string;
}

/** The finding's severity and message, told by where the import runs. */
export function describeImport(context: ImportContext, said: Said, target: string): [Severity, string] {
  const { base, fails, instead, plain, what } = said;
  if (context.where === 'try' && context.caught && context.other)
    return [
      'warning',
      `${base}; ${fails}, and the \`except ImportError\` branch falls back to ${context.other}: check that the fallback does the same job, then drop ${what} (${instead})`,
    ];
  if (context.where === 'try' && context.caught)
    return [
      plain,
      `${base}; ${fails}, and the \`except ImportError\` branch catches that, so the code goes on without it: ${instead}`,
    ];
  if (context.where === 'handler')
    return [
      'warning',
      `${base}; this import is the fallback in an \`except ImportError\` branch, run only when ${context.other ?? 'the import in its try'} fails to import, and then ${fails}: drop it or ${instead}`,
    ];
  if (context.versionCheck)
    return [
      'warning',
      `${base}; this import is under a Python version check (\`${context.versionCheck}\`): make sure the branch taken on ${target} does not run it, or ${instead}`,
    ];
  return [plain, `${base}; ${fails}: ${instead}`];
}
