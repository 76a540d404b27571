// An analysis of what a Python upgrade breaks: imports of modules the standard library removed,
// removed and deprecated APIs, between the version a project runs on and the target
// (https://docs.python.org/3/whatsnew/3.13.html#removed, and 3.12, 3.11, 3.10). Changes no file.
import { firstSyntaxError, loadPython } from '../../util/python-syntax.js';
import { declaredPythonVersions } from '../python-runtime/index.js';
import { formatPython, pythonVersion } from '../python-runtime/versions.js';
import type { Codemod, CodemodResult, Finding } from '../types.js';
import { analyseTree } from './analyse.js';
import { resolveOptions } from './options.js';
import { RULES } from './removals.js';
import { buildReport, renderReport } from './report.js';
import { declaresSetuptools, isLocalModule, localModules, pythonFiles } from './scope.js';

export { RULES } from './removals.js';

export const codemod: Codemod = {
  name: 'python-removed-features',
  description:
    'Report what moving to a newer Python breaks: imports of removed standard-library modules, removed APIs and unittest names, and deprecated datetime calls',
  candidates(repo, options) {
    return pythonFiles(repo, resolveOptions(options).paths);
  },
  /** The oldest Python the project declares today (a Lambda runtime, requires-python, an image): removals after it count. */
  planOptions(repo, options) {
    const { target, paths } = resolveOptions(options);
    const declared = declaredPythonVersions(repo, pythonVersion(3, target), paths).filter((v) => v >= 300);
    return declared.length > 0 ? { sourceVersion: formatPython(declared[0]) } : {};
  },
  async run(repo, rawOptions): Promise<CodemodResult> {
    const options = resolveOptions(rawOptions);
    const files = pythonFiles(repo, options.paths);
    const python = await loadPython();
    const modules = localModules(repo);
    const setuptoolsDeclared = declaresSetuptools(repo);
    const findings: Finding[] = [];
    const removedModules: string[] = [];
    const unparsed: string[] = [];
    for (const file of files) {
      python.withTree(repo.read(file), (tree) => {
        const error = firstSyntaxError(tree);
        if (error) {
          unparsed.push(file);
          const what = error.kind === 'MISSING' ? `a missing \`${error.text}\`` : `\`${error.text}\``;
          findings.push({
            file,
            line: error.line,
            rule: RULES.parseError,
            severity: 'warning',
            message: `does not parse as Python 3 (${what} at line ${error.line}, column ${error.column}): left unchecked; Python 2 code or a syntax error`,
          });
          return;
        }
        const isLocal = (name: string): boolean => isLocalModule(modules, file, name);
        const result = analyseTree(tree, { file, options, isLocal, setuptoolsDeclared });
        findings.push(...result.findings);
        removedModules.push(...result.modules);
      });
    }
    const report = buildReport(options, files.length, findings, removedModules, unparsed);
    return {
      changes: new Map(),
      findings,
      report: report as unknown as Record<string, unknown>,
      reportMarkdown: renderReport(report, findings),
    };
  },
};
