// Node.js as the runtime upgrade's surfaces read it (src/codemods/runtime-upgrade/language.ts):
// majors are versions, `nodejs24.x` and `NODEJS_24_X` name them on Lambda.
import type { RuntimeLanguage } from '../runtime-upgrade/language.js';
import { AWS_CDK_LIB_NODEJS_MEMBERS } from '../runtime-upgrade/cdk-runtimes.js';
import { readTargetVersion } from './target.js';
import {
  codenameOf,
  LAMBDA_NODE_MAJORS,
  LAMBDA_SUPPORTED_NODE_MAJORS,
  LAST_AL2_MAJOR,
  lambdaRuntimeId,
  lambdaRuntimeMajor,
  LTS_CODENAMES,
  parseVersionToken,
} from './versions.js';

export const nodejs: RuntimeLanguage = {
  id: 'nodejs',
  label: 'Node.js',
  format: String,
  read: readTargetVersion,
  token(text) {
    const lts = /^lts\/([a-z]+)$/i.exec(text);
    if (lts) {
      const major = LTS_CODENAMES[lts[1].toLowerCase()];
      return major === undefined
        ? undefined
        : { version: major, pinned: false, render: (target) => codenameOf(target) && `lts/${codenameOf(target)}` };
    }
    const token = parseVersionToken(text);
    return (
      token && { version: token.major, pinned: /\.\d+$/.test(text), render: (target) => token.render(target, 'major') }
    );
  },
  lambda: {
    versions: LAMBDA_NODE_MAJORS,
    supported: LAMBDA_SUPPORTED_NODE_MAJORS,
    lastAl2: LAST_AL2_MAJOR,
    parse: lambdaRuntimeMajor,
    id: lambdaRuntimeId,
    idPattern: String.raw`nodejs\d+\.(?:x|\d+)`,
    missing: (target) =>
      LAMBDA_NODE_MAJORS.includes(target)
        ? undefined
        : `Lambda has no Node.js ${target} runtime (only even LTS majors)`,
  },
  cdk: {
    parseMember: (name) => {
      const match = /^NODEJS_(\d+)_X$/.exec(name);
      return match ? Number(match[1]) : undefined;
    },
    member: (major) => `NODEJS_${major}_X`,
    family: 'NODEJS',
    props: '{ supportsInlineCode: true }',
    firstMember: AWS_CDK_LIB_NODEJS_MEMBERS,
  },
  images: {
    lambda: /(^|\/)(lambda\/nodejs|aws-lambda-nodejs)$/,
    official: /(^|\/)(node|javascript-node|typescript-node)$/,
    arg: /^(?:NODE|NODEJS|NODE_JS)_(?:VERSION|MAJOR)$/i,
    mention: /node(js)?:|NODE(JS)?_(VERSION|MAJOR)/i,
  },
  ci: {
    setupKey: 'node-version',
    matrixAxis: /^node(js)?([-_]?versions?)?$/i,
    codebuild: 'nodejs',
    // CodeBuild images only ship even (LTS) Node.js majors.
    codebuildMissing: (target) =>
      target % 2 === 0 ? undefined : `CodeBuild has no Node.js ${target} runtime (only LTS majors)`,
    mention: /node/i,
  },
  versionFiles: { single: ['.nvmrc', '.node-version'], tools: ['nodejs', 'node'], keepsPatch: '.nvmrc' },
  bundlerTarget: {
    parse: (text) => {
      const match = /^node(\d+)$/.exec(text);
      return match ? Number(match[1]) : undefined;
    },
    write: (major) => `node${major}`,
  },
  mention: /nodejs\d|NODEJS_\d|\bnode\d/,
};
