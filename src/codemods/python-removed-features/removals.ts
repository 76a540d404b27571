// What Python 3.10 to 3.13 removed or deprecated, with what to use instead, from the "Removed"
// and "Deprecated" sections of https://docs.python.org/3/whatsnew/3.13.html (and 3.12, 3.11,
// 3.10), PEP 594 (dead batteries) and PEP 632 (distutils). Versions are Python 3 minors: 12 is 3.12.
import type { Severity } from '../types.js';

export const RULE_PREFIX = 'python-runtime/';

export const RULES = {
  module: `${RULE_PREFIX}removed-module`,
  collectionsAbc: `${RULE_PREFIX}collections-abc`,
  asyncioCoroutine: `${RULE_PREFIX}asyncio-coroutine`,
  getargspec: `${RULE_PREFIX}inspect-getargspec`,
  unittestAlias: `${RULE_PREFIX}unittest-alias`,
  configparser: `${RULE_PREFIX}configparser`,
  sslWrapSocket: `${RULE_PREFIX}ssl-wrap-socket`,
  localeFormat: `${RULE_PREFIX}locale-format`,
  localeResetlocale: `${RULE_PREFIX}locale-resetlocale`,
  typingIoRe: `${RULE_PREFIX}typing-io-re`,
  pkgResources: `${RULE_PREFIX}pkg-resources`,
  datetimeUtc: `${RULE_PREFIX}datetime-utc`,
  parseError: `${RULE_PREFIX}parse-error`,
} as const;

export interface RemovedModule {
  removed: number;
  instead: string;
}

export const REMOVED_MODULES: Readonly<Record<string, RemovedModule>> = {
  binhex: { removed: 11, instead: 'base64 or binascii (BinHex4 itself has no replacement)' },
  distutils: {
    removed: 12,
    instead: 'setuptools (which carries its own copy of distutils), packaging, shutil or sysconfig',
  },
  imp: { removed: 12, instead: 'importlib' },
  asynchat: { removed: 12, instead: 'asyncio' },
  asyncore: { removed: 12, instead: 'asyncio' },
  smtpd: { removed: 12, instead: 'the aiosmtpd package from PyPI' },
  aifc: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  audioop: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  cgi: {
    removed: 13,
    instead: 'email.message.Message for headers and urllib.parse for query strings (the multipart package for forms)',
  },
  cgitb: { removed: 13, instead: 'traceback (or faulthandler)' },
  chunk: { removed: 13, instead: 'struct, reading the chunk headers yourself' },
  crypt: { removed: 13, instead: 'hashlib, or the bcrypt or passlib packages' },
  imghdr: { removed: 13, instead: 'the filetype package or Pillow' },
  mailcap: { removed: 13, instead: 'mimetypes' },
  msilib: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  nis: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  nntplib: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  ossaudiodev: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  pipes: { removed: 13, instead: 'shlex.quote and subprocess' },
  sndhdr: { removed: 13, instead: 'the filetype package' },
  spwd: { removed: 13, instead: 'a package from PyPI such as python-pam' },
  sunau: { removed: 13, instead: 'a package from PyPI (the standard library has no replacement)' },
  telnetlib: { removed: 13, instead: 'the telnetlib3 package' },
  uu: { removed: 13, instead: 'base64 or binascii' },
  xdrlib: { removed: 13, instead: 'struct' },
  lib2to3: { removed: 13, instead: 'ast, or LibCST or parso from PyPI' },
};

/** What replaces one member of a removed module, named in the finding when the file uses it. */
export const MEMBER_HINTS: Readonly<Record<string, string>> = {
  'distutils.util.strtobool': 'a small function of your own (strtobool read y/yes/t/true/on/1 and n/no/f/false/off/0)',
  'distutils.version.LooseVersion': 'packaging.version.Version',
  'distutils.version.StrictVersion': 'packaging.version.Version',
  'distutils.spawn.find_executable': 'shutil.which',
  'distutils.dir_util.copy_tree': 'shutil.copytree(src, dst, dirs_exist_ok=True)',
  'distutils.dir_util.mkpath': 'os.makedirs(path, exist_ok=True)',
  'distutils.dir_util.remove_tree': 'shutil.rmtree',
  'distutils.file_util.copy_file': 'shutil.copy2',
  'distutils.sysconfig.get_python_lib': 'sysconfig.get_paths()["purelib"]',
  'distutils.core.setup': 'setuptools.setup',
  'imp.reload': 'importlib.reload',
  'imp.load_source':
    'importlib.util.spec_from_file_location, importlib.util.module_from_spec and spec.loader.exec_module',
  'imp.find_module': 'importlib.util.find_spec',
  'imp.new_module': 'types.ModuleType',
  'imp.get_suffixes': 'importlib.machinery.all_suffixes',
  'cgi.parse_header': 'email.message.Message (set the header, then read get_content_type() and get_param())',
  'cgi.parse_qs': 'urllib.parse.parse_qs',
  'cgi.parse_qsl': 'urllib.parse.parse_qsl',
  'cgi.escape': 'html.escape',
  'cgi.FieldStorage': 'urllib.parse.parse_qs for query strings and the multipart package for form posts',
  'pipes.quote': 'shlex.quote',
  'asyncore.loop': 'asyncio',
  'crypt.crypt': 'hashlib (or bcrypt/passlib to check existing hashes)',
  'imghdr.what': 'the filetype package (filetype.guess)',
};

/** An attribute (or import) of the standard library that went away or is deprecated. */
export interface RemovedApi {
  rule: string;
  version: number;
  deprecated?: boolean;
  instead: string;
}

const collectionsAliases = [
  'Mapping',
  'MutableMapping',
  'Sequence',
  'MutableSequence',
  'Set',
  'MutableSet',
  'Iterable',
  'Iterator',
  'Callable',
  'Hashable',
  'Sized',
  'Container',
  'Generator',
  'Awaitable',
  'Coroutine',
  'AsyncIterable',
  'AsyncIterator',
  'KeysView',
  'ItemsView',
  'ValuesView',
  'MappingView',
  'ByteString',
];

const datetimeUtc = {
  rule: RULES.datetimeUtc,
  version: 12,
  deprecated: true,
  instead:
    'datetime.now(timezone.utc) (or fromtimestamp(ts, timezone.utc)). It returns an aware datetime, where the old call returned a naive one in UTC; aware and naive values cannot be compared or subtracted, and they print and serialise differently, so whether to switch (or to keep naive UTC with .replace(tzinfo=None)) is a decision for a person',
};

/** By qualified name (`collections.Mapping`). */
export const REMOVED_APIS: Readonly<Record<string, RemovedApi>> = {
  ...Object.fromEntries(
    collectionsAliases.map((name) => [
      `collections.${name}`,
      { rule: RULES.collectionsAbc, version: 10, instead: `collections.abc.${name}` },
    ]),
  ),
  'asyncio.coroutine': {
    rule: RULES.asyncioCoroutine,
    version: 11,
    instead: 'a native coroutine: `async def`, with `await` where the generator used `yield from`',
  },
  'inspect.getargspec': {
    rule: RULES.getargspec,
    version: 11,
    instead: 'inspect.signature() (or inspect.getfullargspec())',
  },
  'configparser.SafeConfigParser': { rule: RULES.configparser, version: 12, instead: 'configparser.ConfigParser' },
  'ssl.wrap_socket': {
    rule: RULES.sslWrapSocket,
    version: 12,
    instead: 'an SSLContext: ssl.create_default_context() and its wrap_socket(sock, server_hostname=...)',
  },
  'locale.format': { rule: RULES.localeFormat, version: 12, instead: 'locale.format_string' },
  'locale.resetlocale': {
    rule: RULES.localeResetlocale,
    version: 13,
    instead: 'locale.setlocale(locale.LC_ALL, "")',
  },
  'typing.io': { rule: RULES.typingIoRe, version: 13, instead: 'typing.IO, typing.TextIO and typing.BinaryIO' },
  'typing.re': { rule: RULES.typingIoRe, version: 13, instead: 're.Pattern and re.Match' },
  'datetime.datetime.utcnow': datetimeUtc,
  'datetime.datetime.utcfromtimestamp': datetimeUtc,
};

/** unittest.TestCase's old method names, removed in 3.12, and what replaces each. */
export const UNITTEST_ALIASES: Readonly<Record<string, string>> = {
  assertEquals: 'assertEqual',
  assertNotEquals: 'assertNotEqual',
  assertAlmostEquals: 'assertAlmostEqual',
  assertNotAlmostEquals: 'assertNotAlmostEqual',
  assertRegexpMatches: 'assertRegex',
  assertNotRegexpMatches: 'assertNotRegex',
  assertRaisesRegexp: 'assertRaisesRegex',
  assertDictContainsSubset: 'assertLessEqual(subset.items(), actual.items()), as it has no direct replacement',
  assert_: 'assertTrue',
  failUnless: 'assertTrue',
  failIf: 'assertFalse',
  failUnlessEqual: 'assertEqual',
  failIfEqual: 'assertNotEqual',
  failUnlessRaises: 'assertRaises',
  failUnlessAlmostEqual: 'assertAlmostEqual',
  failIfAlmostEqual: 'assertNotAlmostEqual',
};
export const UNITTEST_ALIASES_REMOVED = 12;

/** ConfigParser.readfp, removed in 3.12: the constructors whose result has it. */
export const READFP_REMOVED = 12;
export const CONFIG_PARSERS = new Set([
  'configparser.ConfigParser',
  'configparser.RawConfigParser',
  'configparser.SafeConfigParser',
]);

/** pkg_resources is setuptools', which 3.12 no longer puts in new virtual environments. */
export const PKG_RESOURCES_VERSION = 12;

/** The API whose qualified name is `name` or holds it (`typing.re.Pattern` is in `typing.re`). */
export function apiOf(name: string, prefix: boolean): [string, RemovedApi] | undefined {
  if (Object.hasOwn(REMOVED_APIS, name)) return [name, REMOVED_APIS[name]!];
  if (!prefix) return undefined;
  for (let at = name.lastIndexOf('.'); at > 0; at = name.lastIndexOf('.', at - 1)) {
    const head = name.slice(0, at);
    if (Object.hasOwn(REMOVED_APIS, head)) return [head, REMOVED_APIS[head]!];
  }
  return undefined;
}

export function severityOf(api: { deprecated?: boolean }): Severity {
  return api.deprecated ? 'warning' : 'manual';
}
