// AWS CDK apps written in Python: `_lambda.Runtime.PYTHON_3_9` (or `Runtime.NODEJS_18_X`) and
// runtime ids in strings (`Runtime("python3.9")`), read with the kept Python parser; a layer's
// `compatible_runtimes=[…]` follows its file's functions (layer-list.ts). A member is written only
// where the project's aws-cdk-lib has it: a requirements pin older than the release that added it
// leaves the runtime for a person (https://docs.aws.amazon.com/cdk/api/v2/python/aws_cdk.aws_lambda/Runtime.html).
import { firstSyntaxError, walkNamed, type PythonNode } from '../../../util/python-syntax.js';
import type { RepoView } from '../../types.js';
import { applyEdits, type Edit } from '../edits.js';
import { layerListEdits, layerListKeys, type RuntimeItem } from '../layer-list.js';
import { baseName } from '../scope.js';
import type { Surface, SurfaceContext } from '../surface.js';
import { compareVersions, formatVersion, parseVersion, type Version } from '../version-numbers.js';

/** A string literal without interpolation: its text and where that text starts. */
export function plainString(node: PythonNode | null | undefined): { value: string; start: number } | undefined {
  if (node?.type !== 'string') return undefined;
  const parts = node.namedChildren.filter((child) => child?.type !== 'string_start' && child?.type !== 'string_end');
  const start = node.namedChildren.find((child) => child?.type === 'string_start');
  if (!start || /[fF]/.test(start.text) || parts.some((part) => part?.type !== 'string_content')) return undefined;
  const content = parts[0];
  return content ? { value: content.text, start: content.startIndex } : { value: '', start: start.endIndex };
}

/**
 * `aws-cdk-lib==2.100.0` (requirements, setup.py, PEP 621), `aws-cdk-lib = "^2.100.0"` (Poetry),
 * `aws-cdk-lib = "==2.100.0"` (Pipfile): the release, or the lowest one the range admits. CDK v1
 * apps pin `aws-cdk.core` and `aws-cdk.aws-lambda` instead; no v1 release has a member v2 added.
 */
const cdkPin =
  /(aws-cdk-lib|aws-cdk\.core|aws-cdk\.aws-lambda)["']?[ \t]*(?:=[ \t]*["'])?[ \t]*(?:==|>=|~=|\^|~)?[ \t]*(\d+\.\d+\.\d+)/;

interface Pin {
  /** The package pinned: `aws-cdk-lib`, or a CDK v1 module. */
  name: string;
  version: Version;
  file: string;
}

/** The CDK release a Python project pins or requires at least (`aws-cdk-lib==2.100.0`). */
function pinnedCdk(repo: RepoView | undefined, file: string): Pin | undefined {
  if (!repo) return undefined;
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const manifests = repo.files.filter(
    (path) =>
      /^(requirements[\w.-]*\.txt|setup\.py|pyproject\.toml|Pipfile)$/.test(baseName(path)) &&
      folder.startsWith(path.slice(0, path.lastIndexOf('/') + 1)),
  );
  // The nearest manifest speaks for the app: a deeper folder's before the repository root's.
  manifests.sort((a, b) => b.split('/').length - a.split('/').length);
  for (const path of manifests) {
    const match = cdkPin.exec(repo.read(path));
    const version = match && parseVersion(match[2]);
    if (version) return { name: match[1], version, file: path };
  }
  return undefined;
}

function isRuntimeClass(node: PythonNode | null): boolean {
  return !!node && /(^|\.)Runtime$/.test(node.text);
}

class Walk {
  readonly edits: Edit[] = [];
  readonly leaving = new Set<number>();
  readonly layers: PythonNode[] = [];
  private cdk?: Pin | null;

  constructor(private readonly ctx: SurfaceContext) {}

  /**
   * `X.Runtime.PYTHON_3_9`: its version, and the edit that names another (undefined when the
   * project's CDK lacks it). In a layer's list (`inLayer`) a runtime that stays is asked for the
   * target only as the text to add beside it.
   */
  member(node: PythonNode, inLayer = false): RuntimeItem | undefined {
    if (node.type !== 'attribute' || !isRuntimeClass(node.childForFieldName('object'))) return undefined;
    const name = node.childForFieldName('attribute');
    const version = name ? this.ctx.language.cdk.parseMember(name.text) : undefined;
    if (!name || version === undefined) return undefined;
    return {
      start: node.startIndex,
      end: node.endIndex,
      major: version,
      retarget: (next) => this.rename(name, node, next, inLayer && this.stays(version)),
    };
  }

  /** Whether a layer keeps this runtime (layer-list.ts): Lambda still runs it and no function of the file leaves it. */
  private stays(version: number): boolean {
    const { target, language } = this.ctx;
    return version >= target || (language.lambda.supported.includes(version) && !this.leaving.has(version));
  }

  /** The project's aws-cdk-lib pin, when it pins a release without the member for `next`. */
  private lacking(next: number): Pin | undefined {
    this.cdk ??= pinnedCdk(this.ctx.repoView, this.ctx.file) ?? null;
    const first = this.ctx.language.cdk.firstMember[next];
    const firstVersion = first ? parseVersion(first) : undefined;
    return this.cdk && (!firstVersion || compareVersions(this.cdk.version, firstVersion) < 0) ? this.cdk : undefined;
  }

  private rename(name: PythonNode, node: PythonNode, next: number, beside: boolean): Edit | undefined {
    const { cdk } = this.ctx.language;
    const first = cdk.firstMember[next];
    const member = `Runtime.${cdk.member(next)}`;
    const pin = this.lacking(next);
    if (pin) {
      const what = beside ? `${member} not added beside ${node.text}` : `${node.text} left as it is`;
      this.ctx.report(
        node.startIndex,
        'cdk-runtime-left',
        `${what}: ${pin.name} ${formatVersion(pin.version)} (${pin.file}) has no ${member}${first ? ` (added in ${first})` : ''}; upgrade aws-cdk-lib, then ${beside ? 'add' : 'set'} it`,
        'manual',
      );
      return undefined;
    }
    if (!this.cdk)
      this.ctx.report(
        node.startIndex,
        'cdk-runtime-unchecked',
        `${beside ? `${member} added beside ${node.text}` : `${node.text} became ${member}`}, which needs aws-cdk-lib ${first ?? '(a release atx does not know)'} or later; atx found no aws-cdk-lib pin to check`,
        'warning',
      );
    return { start: name.startIndex, end: name.endIndex, text: cdk.member(next) };
  }

  /** A string that is exactly a Lambda runtime id. */
  literal(node: PythonNode): RuntimeItem | undefined {
    const value = plainString(node);
    const version = value && this.ctx.language.lambda.parse(value.value);
    if (!value || version === undefined) return undefined;
    const { lambda } = this.ctx.language;
    return {
      start: node.startIndex,
      end: node.endIndex,
      major: version,
      retarget: (next) => ({ start: value.start, end: value.start + value.value.length, text: lambda.id(next) }),
    };
  }

  visit(node: PythonNode): boolean {
    if (node.type === 'keyword_argument' && layerListKeys.has(node.childForFieldName('name')?.text ?? '')) {
      const list = node.childForFieldName('value');
      if (list?.type === 'list') {
        this.layers.push(list);
        return false;
      }
    }
    const member = this.member(node);
    const item = member ?? this.literal(node);
    if (!item) return true;
    const { target, language } = this.ctx;
    // A member the pinned aws-cdk-lib lacks stays (rename says why) before anything counts it as moving.
    if (member && item.major! < target && !language.lambda.missing(target) && this.lacking(target)) {
      item.retarget!(target);
      return false;
    }
    const what = node.text;
    if (this.ctx.shouldUpgrade(item.major!, item.start, what, true)) {
      const edit = item.retarget!(this.ctx.target);
      if (edit) {
        this.edits.push(edit);
        this.leaving.add(item.major!);
      }
    }
    return false;
  }

  item(node: PythonNode): RuntimeItem {
    return this.member(node, true) ?? this.literal(node) ?? { start: node.startIndex, end: node.endIndex };
  }
}

export const cdkPython: Surface = {
  name: 'cdk-python',
  matches: (path, text, language) => /\.py$/.test(path) && /\baws_cdk\b/.test(text) && language.mention.test(text),
  apply(text, ctx) {
    if (!ctx.python) throw new Error('the Python parser is not loaded');
    const walk = new Walk(ctx);
    const edits = ctx.python.withTree(text, (tree) => {
      const error = firstSyntaxError(tree);
      if (error) throw new Error(`it does not parse (line ${error.line}: ${error.text})`);
      walkNamed(tree.rootNode, (node) => walk.visit(node));
      const layers = walk.layers.map((list) =>
        layerListEdits(
          text,
          list.namedChildren
            .filter((child): child is PythonNode => !!child && child.type !== 'comment')
            .map((child) => walk.item(child)),
          ctx,
          walk.leaving,
          'lines',
        ),
      );
      return [...walk.edits, ...layers.flat()];
    });
    return applyEdits(text, edits);
  },
};
