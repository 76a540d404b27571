// One test file being moved to aws-sdk-client-mock: its parse, its edits, the client mocks it
// needs (one per service) and the commands each uses, and why it is left when it is. Both shapes
// (aws-sdk-mock.ts, jest-mock.ts) write through it; it writes the imports and mock declarations.
import { ts } from '../../util/typescript.cjs';
import { Edits, indentAt, lineOf } from '../aws-sdk-v2-to-v3/edits.js';
import {
  commandBase,
  documentClient,
  documentOps,
  serviceByV2Name,
  type ServiceInfo,
} from '../aws-sdk-v2-to-v3/services.js';
import { scriptKind, syntaxError } from '../syntax.js';
import type { Finding } from '../types.js';
import { boundNames, camel, importOf, requiredSpec } from './nodes.js';

export const rulePrefix = 'aws-sdk-test-mocks';

/** Thrown to leave a file unchanged: the finding says where and why. */
export class Left extends Error {
  constructor(
    readonly line: number,
    readonly rule: string,
    why: string,
  ) {
    super(why);
  }
}

// v2 client methods that are not one API operation (each needs its own v3 helper).
const notOperations = new Set([
  'getSignedUrl',
  'getSignedUrlPromise',
  'upload',
  'createPresignedPost',
  'waitFor',
  'createSet',
  'makeRequest',
  'makeUnauthenticatedRequest',
]);

// Outputs whose type v3 changed, by service and command.
const changedFields: Record<string, string> = {
  'S3.GetObjectCommand': 'Body',
  'Lambda.InvokeCommand': 'Payload',
  'Lambda.InvokeWithResponseStreamCommand': 'EventStream',
};

export interface ClientMock {
  service: ServiceInfo;
  name: string;
  commands: Set<string>;
}

export class TestFile {
  readonly sf: ts.SourceFile;
  readonly edits: Edits;
  readonly esm: boolean;
  private readonly mocks = new Map<string, ClientMock>();
  /** Every identifier name the file uses, so new names never collide. */
  private readonly taken = new Set<string>();
  /** Names declared with let/var or as parameters: their value can change between setup and call. */
  readonly mutable = new Set<string>();
  private readonly removals: ts.Statement[] = [];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
    const error = syntaxError(this.sf);
    if (error) throw new Left(error.line, `${rulePrefix}/parse-error`, `could not read this file: ${error.message}`);
    this.edits = new Edits(text);
    this.esm = this.sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s));
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) this.taken.add(node.text);
      if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.Const)) {
        for (const d of node.declarations) for (const n of boundNames(d.name)) this.mutable.add(n);
      }
      if (ts.isParameter(node)) for (const n of boundNames(node.name)) this.mutable.add(n);
      ts.forEachChild(node, visit);
    };
    visit(this.sf);
  }

  line(node: ts.Node): number {
    return lineOf(this.sf, node.getStart(this.sf));
  }

  left(node: ts.Node, what: string, why: string): Left {
    return new Left(this.line(node), `${rulePrefix}/${what}`, why);
  }

  /** The mock of a v2 service (`S3`, `DynamoDB.DocumentClient`), or why there is none. */
  mockOf(v2: string, at: ts.Node): ClientMock {
    const service = v2 === 'DynamoDB.DocumentClient' || v2 === 'DocumentClient' ? documentClient : serviceByV2Name(v2);
    if (!service) throw this.left(at, 'unknown-service', `no v3 client replaces the v2 service ${JSON.stringify(v2)}`);
    let mock = this.mocks.get(service.v3);
    if (!mock) {
      mock = { service, name: this.fresh(`${camel(service.v3)}Mock`), commands: new Set() };
      this.mocks.set(service.v3, mock);
    }
    return mock;
  }

  /** The command class of a v2 method of the mocked client (`getObject` -> GetObjectCommand). */
  command(mock: ClientMock, method: string, at: ts.Node): string {
    const base = mock.service.doc ? documentOps[method] : notOperations.has(method) ? undefined : commandBase(method);
    if (!base || !/^[a-z]\w*$/.test(method)) {
      throw this.left(
        at,
        'not-an-operation',
        `${mock.service.v2}.${method} is not one API operation with a v3 command`,
      );
    }
    const name = `${base}Command`;
    if (this.taken.has(name)) {
      throw this.left(at, 'name-clash', `the file already uses the name ${name}, which the v3 command needs`);
    }
    mock.commands.add(name);
    return name;
  }

  /**
   * Check answers for a command whose output v3 changed the type of (an S3 object's `Body` is a
   * stream, a Lambda `Payload` bytes): the converted code reads it the v3 way, so an answer that
   * gives it, or may give it, the v2 way is left for a person.
   */
  checkAnswers(mock: ClientMock, command: string, calls: readonly string[], at: ts.Node): void {
    const field = changedFields[`${mock.service.v2}.${command}`];
    if (!field) return;
    for (const call of calls) {
      if (/^rejects|^callsFake\(\(.*?\) => Promise\.reject\(/.test(call)) continue;
      const inline = /^(resolves|callsFake)\w*\((undefined|\{|(async )?\([^)]*\) => \(\{)/.test(call);
      if (inline && !new RegExp(`\\b${field}\\b`).test(call)) continue;
      throw this.left(
        at,
        'changed-output',
        `v3 gives ${field} of ${command} as ${field === 'Body' ? 'a stream' : 'bytes'}, which the converted code reads as such: give the fake one (aws-sdk-client-mock's docs show sdkStreamMixin for a Body)`,
      );
    }
  }

  get hasMocks(): boolean {
    return this.mocks.size > 0;
  }

  /** A name the file does not use yet. */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    return name;
  }

  /** The import (or require) lines for aws-sdk-client-mock and the v3 clients and commands. */
  importLines(): string[] {
    for (const mock of this.mocks.values()) {
      const client = `${mock.service.v3}Client`;
      if (this.taken.has(client))
        throw new Left(1, `${rulePrefix}/name-clash`, `the file already uses the name ${client}`);
    }
    const q = this.quote();
    const line = (names: string[], pkg: string) =>
      this.esm
        ? `import { ${names.join(', ')} } from ${q}${pkg}${q};`
        : `const { ${names.join(', ')} } = require(${q}${pkg}${q});`;
    const byPkg = new Map<string, string[]>();
    for (const mock of this.mocks.values()) {
      const names = byPkg.get(mock.service.pkg) ?? [];
      names.push(`${mock.service.v3}Client`, ...[...mock.commands].sort());
      byPkg.set(mock.service.pkg, names);
    }
    return [line(['mockClient'], 'aws-sdk-client-mock'), ...[...byPkg].map(([pkg, names]) => line(names, pkg))];
  }

  /** `const s3Mock = mockClient(S3Client);` per service. */
  declarationLines(): string[] {
    return [...this.mocks.values()].map((m) => `const ${m.name} = mockClient(${m.service.v3}Client);`);
  }

  mockNames(): string[] {
    return [...this.mocks.values()].map((m) => m.name);
  }

  /** The quote the file's imports use. */
  quote(): string {
    for (const s of this.sf.statements) {
      const spec = ts.isImportDeclaration(s) ? s.moduleSpecifier : requiredSpec(s);
      if (spec) return spec.getText(this.sf)[0] === '"' ? '"' : "'";
    }
    return "'";
  }

  /** Whether a statement ends with a semicolon, as the file writes them. */
  get semi(): string {
    const s = this.sf.statements.find((st) => ts.isExpressionStatement(st) || ts.isVariableStatement(st));
    return !s || s.getText(this.sf).endsWith(';') ? ';' : '';
  }

  indentOf(node: ts.Node): string {
    return indentAt(this.text, node.getStart(this.sf));
  }

  /** Replace a statement with lines at its indentation (or remove it when there are none). */
  replaceStatement(node: ts.Statement, lines: string[]): void {
    if (!lines.length) {
      this.removals.push(node);
      return;
    }
    const indent = this.indentOf(node);
    const text = lines.map((l, i) => (i && l ? indent + l : l)).join('\n');
    this.edits.replaceNode(node, text, this.sf);
  }

  /** Replace a use: a statement, or an arrow function's expression body (then a block holds the lines). */
  replaceUse(node: ts.Node, lines: string[]): void {
    if (ts.isStatement(node)) return this.replaceStatement(node, lines);
    if (lines.length === 1) return this.edits.replaceNode(node, lines[0].replace(/;$/, ''), this.sf);
    const body = lines.map((l) => (l.endsWith(';') ? l : `${l};`)).join(' ');
    this.edits.replaceNode(node, body ? `{ ${body} }` : '{}', this.sf);
  }

  /**
   * The new text. Statements removed next to each other go as one block, so the blank lines
   * around them are left as around one statement.
   */
  apply(): string {
    const sorted = [...this.removals].sort((a, b) => a.pos - b.pos);
    let block: { start: number; end: number } | undefined;
    const flush = () => {
      if (block)
        this.edits.removeStatement(
          { getStart: () => block!.start, getEnd: () => block!.end } as unknown as ts.Node,
          this.sf,
        );
    };
    for (const node of sorted) {
      const start = node.getStart(this.sf);
      if (block && /^\s*$/.test(this.text.slice(block.end, start))) block.end = Math.max(block.end, node.end);
      else {
        flush();
        block = { start, end: node.end };
      }
    }
    flush();
    return this.edits.apply();
  }

  /** A statement as the file writes them: with or without its semicolon. */
  statement(text: string): string {
    return this.semi ? text : text.replace(/;$/, '');
  }

  /**
   * Write the imports, the mock declarations and `after` (setups and hooks that use the mocks) in
   * place of `anchor` (a top-level statement the conversion replaces), or after the imports: in an
   * ES module after its last import, else after the requires that follow the anchor. Never after
   * a top-level statement that uses a mock (`uses`).
   */
  writeHeader(anchor: ts.Statement, edited: ReadonlySet<ts.Node>, after: string[], uses: readonly ts.Node[]): void {
    const statements = this.sf.statements;
    let last: ts.Statement | undefined;
    const from = this.esm ? 0 : statements.indexOf(anchor) + 1;
    for (let i = from; i < statements.length; i++) {
      if (!importOf(statements[i])) {
        if (this.esm) continue;
        break;
      }
      // an import the conversion removes is passed over
      if (!edited.has(statements[i])) last = statements[i];
    }
    if (last && uses.some((u) => u.getStart(this.sf) < last!.end)) last = undefined;
    const imports = this.importLines().map((l) => this.statement(l));
    const decls = this.declarationLines().map((l) => this.statement(l));
    if (!last) return this.replaceStatement(anchor, [...imports, '', ...decls, ...after]);
    const body = [...decls, ...after].join('\n');
    if (this.esm) {
      this.edits.insert(last.end, `\n${imports.join('\n')}\n\n${body}`);
      this.replaceStatement(anchor, []);
    } else {
      this.edits.insert(last.end, `\n\n${body}`);
      this.replaceStatement(anchor, imports);
    }
  }

  finding(line: number, what: string, message: string, severity: Finding['severity'] = 'manual'): Finding {
    return { file: this.path, line, rule: `${rulePrefix}/${what}`, message, severity };
  }
}
