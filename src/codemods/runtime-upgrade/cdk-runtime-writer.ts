// Writes a CDK file's `Runtime.NODEJS_NN_X` (`Runtime.PYTHON_3_NN`) for another version in the form the project's CDK
// has: the member where the installed aws-cdk-lib defines it, otherwise the constructor the CDK
// itself uses to define it, `new Runtime('nodejsNN.x', RuntimeFamily.NODEJS, { supportsInlineCode:
// true })`, which compiles and synthesizes on every CDK version (v1 included). The props match the
// member's, so inline code stays allowed and `runtimeEquals` against the member still holds
// (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda.Runtime.html).
import { ts } from '../../util/typescript.cjs';
import { CdkImports } from './cdk-imports.js';
import { firstVersionWithMember, hasMember, type CdkPackage } from './cdk-runtimes.js';
import { lineAt, type Edit } from './edits.js';
import type { InstalledVersion } from './installed.js';
import { formatVersion } from './version-numbers.js';
import type { SurfaceContext } from './surface.js';

/** `a === Runtime.NODEJS_20_X` or `case Runtime.NODEJS_20_X:` compare identities a new object never matches. */
function comparedByIdentity(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCaseClause(parent)) return parent.expression === node;
  if (!ts.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  return (
    op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    op === ts.SyntaxKind.EqualsEqualsToken ||
    op === ts.SyntaxKind.ExclamationEqualsToken
  );
}

interface Installed {
  pkg: CdkPackage;
  found?: InstalledVersion;
}

/** One file's runtime rewrites: the edits, and at the end the findings that explain them. */
export class CdkRuntimeWriter {
  private readonly imports: CdkImports;
  private readonly installed = new Map<CdkPackage, InstalledVersion | undefined>();
  /** Offsets of the runtimes written in the constructor form, per package. */
  private readonly constructed = new Map<CdkPackage, Set<number>>();
  private readonly importEdits = new Set<Edit>();
  private readonly reported = new Set<number>();

  constructor(
    private readonly file: ts.SourceFile,
    private readonly text: string,
    private readonly ctx: SurfaceContext,
  ) {
    this.imports = new CdkImports(file, text);
  }

  /** `Runtime`, `lambda.Runtime`, or the class imported under another name. */
  isRuntimeClass(node: ts.Expression): boolean {
    return /(^|\.)Runtime$/.test(node.getText(this.file)) || this.imports.isRenamedRuntime(node);
  }

  private installedOf(pkg: CdkPackage): InstalledVersion | undefined {
    if (!this.installed.has(pkg)) this.installed.set(pkg, this.ctx.project?.installedVersion(this.ctx.file, pkg));
    return this.installed.get(pkg);
  }

  /**
   * The edit that makes `member` (`X.NODEJS_20_X`) name `major`: the member when the installed
   * CDK has it, else the constructor form; undefined (with a finding) when neither can be
   * written safely.
   */
  retarget(member: ts.PropertyAccessExpression, major: number): Edit | undefined {
    const origin = this.imports.origin(member.expression);
    const start = member.getStart(this.file);
    const { cdk, lambda } = this.ctx.language;
    const rename = { start: member.name.getStart(this.file), end: member.name.end, text: cdk.member(major) };
    // Traced or not (a local module may re-export it), a Runtime the installed CDK defines the member on
    // keeps the member form.
    const pkg = 'problem' in origin ? 'aws-cdk-lib' : origin.pkg;
    const found = this.installedOf(pkg);
    if (found && hasMember(pkg, found.version, cdk.firstMember, major)) return rename;
    if ('problem' in origin) return this.leave(start, member, origin.problem);
    if (comparedByIdentity(member)) {
      return this.leave(
        start,
        member,
        `it is compared by identity, and a \`new Runtime(...)\` never equals another object (use \`runtimeEquals\`)`,
      );
    }
    if (origin.importEdit) this.importEdits.add(origin.importEdit);
    const offsets = this.constructed.get(origin.pkg) ?? new Set<number>();
    this.constructed.set(origin.pkg, offsets.add(start));
    const q = this.imports.quote();
    const runtime = member.expression.getText(this.file);
    return {
      start,
      end: member.end,
      text: `new ${runtime}(${q}${lambda.id(major)}${q}, ${origin.family}.${cdk.family}, ${cdk.props})`,
    };
  }

  private leave(offset: number, member: ts.PropertyAccessExpression, why: string): undefined {
    if (this.reported.has(offset)) return undefined;
    this.reported.add(offset);
    this.ctx.report(
      offset,
      'cdk-runtime-left',
      `${member.getText(this.file)} left as it is: ${why}; set the runtime to ${this.ctx.name(this.ctx.target)} by hand`,
      'manual',
    );
    return undefined;
  }

  /** Edits beyond the runtimes themselves (the `RuntimeFamily` import), and one finding per CDK package. */
  finish(): Edit[] {
    for (const [pkg, offsets] of this.constructed) {
      const first = Math.min(...offsets);
      const lines = [...new Set([...offsets].map((offset) => lineAt(this.text, offset)))].sort((a, b) => a - b);
      this.ctx.report(first, 'cdk-runtime-constructor', this.explain(pkg, lines), 'manual');
    }
    return [...this.importEdits];
  }

  private explain(pkg: CdkPackage, lines: number[]): string {
    const target = this.ctx.target;
    const { cdk, lambda } = this.ctx.language;
    const member = `Runtime.${cdk.member(target)}`;
    const where =
      lines.length > 1 ? `the runtimes on lines ${lines.join(', ')} are` : `the runtime on line ${lines[0]} is`;
    const form = `new Runtime('${lambda.id(target)}', RuntimeFamily.${cdk.family}, ${cdk.props})`;
    const first = firstVersionWithMember('aws-cdk-lib', cdk.firstMember, target);
    const upgrade = first
      ? `aws-cdk-lib ${first} or later has ${member}`
      : `no aws-cdk-lib release atx knows of has ${member}`;
    const found = this.installedOf(pkg);
    const have =
      found &&
      `${pkg} ${found.source === 'lockfile' ? formatVersion(found.version) : `"${found.declared}"`} (${found.file})`;
    const why =
      pkg !== 'aws-cdk-lib'
        ? `${have ?? pkg} is CDK v1, which has no ${member}`
        : have
          ? `${have} has no ${member}`
          : `atx cannot tell which aws-cdk-lib the project installs (no lockfile entry or declared range), so it may lack ${member}`;
    const next =
      pkg === 'aws-cdk-lib' ? `upgrade aws-cdk-lib (${upgrade}), then use ${member}` : `migrate to CDK v2 (${upgrade})`;
    return `${why}: ${where} written as \`${form}\`, which every CDK version accepts; ${next}`;
  }
}
