// Python as the runtime upgrade's surfaces read it (src/codemods/runtime-upgrade/language.ts):
// `python3.13` and `PYTHON_3_13` name 3.13 on Lambda; versions are ordered numbers (313).
import { AWS_CDK_LIB_PYTHON_MEMBERS } from '../runtime-upgrade/cdk-runtimes.js';
import type { RuntimeLanguage } from '../runtime-upgrade/language.js';
import { readTargetPython } from './target.js';
import {
  formatPython,
  LAMBDA_PYTHON_VERSIONS,
  LAMBDA_SUPPORTED_PYTHON_VERSIONS,
  LAST_AL2_PYTHON,
  lambdaPythonId,
  lambdaPythonVersion,
  parsePython,
  pythonVersion,
} from './versions.js';

/** `3.9`, `3.9.18`, `python-3.9.18` (runtime.txt), `"3.10"`; not `3`, `3.x` or `pypy3.9`. */
const token = /^(python-?)?3\.(\d{1,2})((?:\.\d+)*)$/;

export const python: RuntimeLanguage = {
  id: 'python',
  label: 'Python',
  format: formatPython,
  read: (value) => {
    const text = readTargetPython(value);
    return text === undefined ? undefined : parsePython(text);
  },
  token(text) {
    const match = token.exec(text);
    if (!match) return undefined;
    const prefix = match[1] ?? '';
    return {
      version: pythonVersion(3, Number(match[2])),
      pinned: match[3] !== '',
      render: (target) => `${prefix}${formatPython(target)}`,
    };
  },
  lambda: {
    versions: LAMBDA_PYTHON_VERSIONS,
    supported: LAMBDA_SUPPORTED_PYTHON_VERSIONS,
    lastAl2: LAST_AL2_PYTHON,
    parse: lambdaPythonVersion,
    id: lambdaPythonId,
    idPattern: String.raw`python3\.\d{1,2}`,
    missing: (target) =>
      LAMBDA_PYTHON_VERSIONS.includes(target) ? undefined : `Lambda has no Python ${formatPython(target)} runtime`,
    unmovable: (id) =>
      /^python2\.\d$/.test(id)
        ? 'moving from Python 2 is a port of the code (print, str/bytes, imports), not a version bump'
        : undefined,
  },
  cdk: {
    parseMember: (name) => {
      const match = /^PYTHON_3_(\d{1,2})$/.exec(name);
      return match ? pythonVersion(3, Number(match[1])) : undefined;
    },
    member: (version) => `PYTHON_${formatPython(version).replace('.', '_')}`,
    family: 'PYTHON',
    // The members' own props; their `supportsSnapStart` (3.12 on) is left out: older CDK releases,
    // the ones the constructor form is for, do not know it.
    props: '{ supportsInlineCode: true, supportsCodeGuruProfiling: true }',
    firstMember: AWS_CDK_LIB_PYTHON_MEMBERS,
  },
  images: {
    lambda: /(^|\/)(lambda\/python|aws-lambda-python)$/,
    official: /(^|\/)python$/,
    arg: /^(?:PYTHON|PY)_?(?:VERSION|MAJOR|RUNTIME)$/i,
    mention: /python:|PYTHON_?(VERSION|RUNTIME)/i,
  },
  ci: {
    setupKey: 'python-version',
    matrixAxis: /^python([-_]?versions?)?$/i,
    codebuild: 'python',
    codebuildMissing: () => undefined,
    mention: /python/i,
  },
  versionFiles: { single: ['.python-version', 'runtime.txt'], tools: ['python'] },
  mention: /python[23]\.\d|PYTHON_3_\d/,
};
