// Comments per file type: what a search skips. Each case marks the commented text with
// «…»; everything else, strings holding `#`, `//` or `/*` included, is code.
import { beforeAll, describe, expect, it } from 'vitest';
import { commentSpans, loadTypeScript, maskComments } from '../../src/validators/comments.js';

/** The file's text with its comments wrapped in «», as commentSpans sees them. */
function marked(path: string, text: string): string | undefined {
  const spans = commentSpans(path, text);
  if (!spans) return undefined;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += `${text.slice(at, start)}«${text.slice(start, end)}»`;
    at = end;
  }
  return out + text.slice(at);
}

const cases: Array<[string, string]> = [
  [
    'serverless.yml',
    'provider:\n  runtime: nodejs24.x «# was nodejs12.x»\n  «#  - nodejs12.x»\n  url: \'https://x/#/nodejs12.x\'\n  tag: "a # b"\n  plain: a#b\n  script: |\n    # nodejs12.x in a block scalar is text\n    echo hi\n«# end»\n',
  ],
  [
    'src/handler.js',
    "«// context.succeed(x) was here»\nconst url = 'http://example.com//context.succeed(';\nconst re = /\\/\\/context\\.done\\(/g;\nconst t = `// ${a «/* in a substitution: code, so a comment */»} //`;\n«/* context.fail(e)\n   spans lines */»\nx = a / b; «// end»\n",
  ],
  ['src/view.tsx', 'const v = <a href="//cdn">see http://x /* not a comment */</a>; «// a comment»\n'],
  ['src/types.ts', 'let a: string = "/*"; «/* real */» let b = "*/";\n'],
  ['tsconfig.json', '{\n  «// comment»\n  "url": "http://x//y", «/* block */»\n  "v": "a\\"//b"\n}\n'],
  [
    'infra/main.tf',
    'runtime = "nodejs12.x" «# old»\nurl = "http://x#y" «// c»\n«/* b */»\nuser_data = <<EOF\n#!/bin/bash\n# nodejs12.x\nEOF\n',
  ],
  [
    'Dockerfile',
    '«# syntax comment»\nFROM node:12 AS build\nRUN echo "#not" # still shell text\n  «# indented comment»\n',
  ],
  ['deploy.sh', 'echo "# not" \'# nor\' a#b «# yes»\nURL=http://x#y\n'],
  ['app.py', 'x = "#" «# c»\ns = """\n# inside\n"""\n'],
  ['pom.xml', '<a>«<!-- <b>aws-java-sdk</b> -->»<![CDATA[ <!-- text --> ]]></a>\n'],
  ['Main.java', 'String s = "//"; «// c»\nchar c = \'"\';«/* d */»\n'],
];

describe('comment spans', () => {
  beforeAll(loadTypeScript);

  it.each(cases)('%s', (path, expected) => {
    const text = expected.replace(/[«»]/g, '');
    expect(marked(path, text)).toBe(expected);
  });

  it('file types without a known comment syntax have none (every match counts)', () => {
    expect(commentSpans('README.md', '<!-- x -->')).toBeUndefined();
    expect(commentSpans('notes.txt', '# x')).toBeUndefined();
  });

  it('masking keeps lines and columns', () => {
    const text = 'a: 1 # one\r\nb: 2\n';
    const masked = maskComments(text, commentSpans('x.yaml', text)!);
    expect(masked).toBe('a: 1      \r\nb: 2\n');
    expect(masked.length).toBe(text.length);
  });

  it('a .template file is read as JSON or YAML by its first character', () => {
    expect(marked('app.template', '{ "a": "#" }\n')).toBe('{ "a": "#" }\n');
    expect(marked('app.template', 'A: 1 # c\n')).toBe('A: 1 «# c»\n');
  });
});
