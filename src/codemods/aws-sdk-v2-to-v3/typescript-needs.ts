// What the `@aws-sdk/*` v3 packages need of a TypeScript project's compiler and Node.js types.
// Their declarations (client-s3 3.1175.0, @smithy/types 4.20.0) ship downlevelled `ts3.4` types for
// TypeScript below 4.5 (`typesVersions: {"<4.5": …}`), so an old compiler reads them; what they
// cannot do without is @types/node 18: they import `node:stream`, `node:http`, `node:stream/web`
// and use the `fetch`, `AbortSignal` and generic `ReadableStream<T>` globals. Checked by compiling
// a handler that calls S3 and DynamoDB with TypeScript 3.9 to 5.0 and @types/node 10 to 20: 28 to
// 34 errors with @types/node 10 and 12, 4 to 6 with 14, none in the SDK's types from 18 on.
import type { Finding, RepoView } from '../types.js';
import { SurfaceContext } from '../runtime-upgrade/surface.js';
import { nodejs } from '../nodejs-runtime/language.js';
import { reachOf, typescriptOf, typesNodeNeeds } from '../nodejs-runtime/typescript-support.js';
import { declaredRange, lowestOf, meets, raiseRange } from '../nodejs-runtime/typescript-raise.js';

/** The oldest @types/node whose globals and `node:` modules the v3 packages' types use. */
export const SDK_V3_TYPES_NODE = 18;

const rule = 'aws-sdk-v3/typescript-needs';

function declaresV3(text: string): boolean {
  return /"@aws-sdk\/[^"]+"\s*:/.test(text);
}

/**
 * Findings for a package.json that now declares `@aws-sdk/*` v3 packages while its @types/node, or
 * the TypeScript that @types/node 18 needs, is older than their types read: each on the line of the
 * entry to raise, saying what to raise it to.
 */
export function typescriptNeeds(file: string, text: string, repo?: RepoView): Finding[] {
  if (!declaresV3(text)) return [];
  const typescript = declaredRange(text, file, 'typescript');
  if (!typescript) return [];
  const typesNode = declaredRange(text, file, '@types/node');
  const major = typesNode && lowestOf(typesNode.range)?.[0];
  const reach = typesNode ? reachOf(typesNode.range) : 'latest';
  const wanted = Math.max(SDK_V3_TYPES_NODE, major ?? 0);
  const tsNeeds = typesNodeNeeds(wanted, reach);
  const have = typescriptOf(new SurfaceContext(file, nodejs, wanted, text, repo), typescript.range);
  const findings: Finding[] = [];
  if (!typesNode || major === undefined || major < SDK_V3_TYPES_NODE) {
    const raised = typesNode && raiseRange(typesNode.range, String(SDK_V3_TYPES_NODE));
    findings.push({
      file,
      line: (typesNode ?? typescript).line,
      rule,
      message:
        `the @aws-sdk/* v3 packages' types need @types/node ${SDK_V3_TYPES_NODE} or later (node:stream, node:http, fetch, AbortSignal, ReadableStream<T>), ` +
        (typesNode
          ? `and this package has @types/node "${typesNode.range}": raise it to "${raised ?? `^${SDK_V3_TYPES_NODE}`}"`
          : `and this package declares no @types/node: add "@types/node": "^${SDK_V3_TYPES_NODE}" to devDependencies`) +
        ` (that needs TypeScript ${tsNeeds} or later${have ? `; the project has ${have.label}` : ''})`,
      severity: 'manual',
    });
  }
  if (have && !meets(have.version, tsNeeds))
    findings.push({
      file,
      line: typescript.line,
      rule,
      message: `@types/node ${wanted}, which the @aws-sdk/* v3 packages' types need, needs TypeScript ${tsNeeds} or later, and the project has ${have.label}: raise typescript to ${tsNeeds} or later`,
      severity: 'manual',
    });
  return findings;
}
