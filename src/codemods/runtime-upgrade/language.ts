// What the runtime upgrade's surfaces need to know of a language, and nothing more: how its
// versions are written in Lambda runtime ids, CDK members, container images, CI settings and
// version files. Surfaces read a language only through this, so they know none by name
// (src/codemods/nodejs-runtime/language.ts, src/codemods/python-runtime/language.ts).
//
// A version is a number that orders like the versions it stands for: Node.js 24 is 24, Python
// 3.13 is 313 (so 3.9 < 3.10). Only `format` and the writers below turn it back into text.

/** A version as a project wrote it (`20.x`, `v20.11.0`, `lts/iron`; `3.9`, `3.9.18`). */
export interface VersionToken {
  version: number;
  /** The same form naming `target` (`20.x` → `24.x`, `3.9.18` → `3.13`); undefined when this form cannot name it. */
  render(target: number): string | undefined;
  /** More exact than the version it names (a patch release), so `render` drops detail. */
  pinned: boolean;
}

export interface RuntimeLanguage {
  /** `nodejs`, `python`: findings' rules are `<id>-runtime/…`. */
  id: string;
  /** As people name the language: `Node.js`, `Python`. */
  label: string;
  /** `24`, `3.13`. */
  format(version: number): string;
  /** The version named by text such as a codemod option (`24`, `"3.13"`), or undefined. */
  read(value: unknown): number | undefined;
  /** Reads a version as CI settings, version files and image tags write it. */
  token(text: string): VersionToken | undefined;
  lambda: {
    /** Every version Lambda has had a managed runtime for. */
    versions: readonly number[];
    /** Those Lambda has not deprecated: a layer's compatible runtimes may keep them. */
    supported: readonly number[];
    /** The newest version whose runtime and base image are Amazon Linux 2 (later ones are AL2023). */
    lastAl2: number;
    /** `nodejs20.x` → 20, `python3.9` → 309. */
    parse(id: string): number | undefined;
    id(version: number): string;
    /** Source of a regular expression matching one runtime id in text (no groups). */
    idPattern: string;
    /** Why the target has no Lambda runtime, when it has none; undefined when it has one. */
    missing(target: number): string | undefined;
    /** Why a runtime id of the language is not moved by a version bump (`python2.7`), if it is one. */
    unmovable?(id: string): string | undefined;
  };
  cdk: {
    /** `NODEJS_20_X` → 20, `PYTHON_3_9` → 309. */
    parseMember(name: string): number | undefined;
    member(version: number): string;
    /** `RuntimeFamily.<family>` for the constructor form. */
    family: string;
    /** The constructor's props, as the CDK's own members pass them (`{ supportsInlineCode: true }`). */
    props: string;
    /** First aws-cdk-lib release with each member. */
    firstMember: Readonly<Record<number, string>>;
  };
  images: {
    /** Image names (without registry and tag) of Lambda's base images: `public.ecr.aws/lambda/nodejs`. */
    lambda: RegExp;
    /** The language's own images: `node`, `python`. */
    official: RegExp;
    /** `ARG NODE_VERSION=20`: the argument's name. */
    arg: RegExp;
    /** Cheap test: a Dockerfile may use one of these images. */
    mention: RegExp;
  };
  ci: {
    /** The setup action's version key (`node-version`, `python-version`). */
    setupKey: string;
    /** A matrix axis that lists versions (`node`, `python-version`). */
    matrixAxis: RegExp;
    /** CodeBuild `runtime-versions` key. */
    codebuild: string;
    /** Why CodeBuild has no image for the target, when it has none. */
    codebuildMissing(target: number): string | undefined;
    /** Cheap test: a workflow may set up the language. */
    mention: RegExp;
  };
  versionFiles: {
    /** Files that hold only a version (`.nvmrc`, `.python-version`). */
    single: readonly string[];
    /** `.tool-versions` tool names (`nodejs`, `node`; `python`). */
    tools: readonly string[];
    /** A file whose version stays as exact as it was written (nvm reads `.nvmrc`'s as given). */
    keepsPatch?: string;
  };
  /** A bundler target (`esbuild target: node20`) that must follow the runtime, if the language has one. */
  bundlerTarget?: { parse(text: string): number | undefined; write(version: number): string };
  /** Cheap test: the text may name one of the language's runtimes (a template, CDK code). */
  mention: RegExp;
}
