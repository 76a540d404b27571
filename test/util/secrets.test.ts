// Which variables are secret (ATX_SECRET_ENV), which are passed on (ATX_PASS_ENV), what a child
// process gets, and the redactor.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { gitAt, gitOutput } from '../../src/util/git.js';
import { runShell } from '../../src/util/proc.js';
import {
  childEnv,
  redactDocument,
  redactText,
  redactValue,
  secretNameTest,
  secretSettingsProblems,
  secretValues,
} from '../../src/util/secrets.js';
import { makeRepo } from '../helpers/cli.js';

const person = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/p',
  ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
  GITHUB_TOKEN: 'ghp_abcdefghijklmnop',
  DB_PASSWORD: 'hunter2hunter2',
  CLIENT_SECRET: 'shh-very-secret',
  OPENAI_API_KEY: 'sk-openai-987654321',
  GIT_ASKPASS: '/usr/bin/askpass',
  SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
  TOKEN_FILE: '/home/p/.token',
  DB_URL: 'postgres://u:p@db/x',
};

describe('which variables are secret', () => {
  it('by default: the model key and every name ending in _API_KEY, _TOKEN, _SECRET, _PASSWORD (any case)', () => {
    const secret = secretNameTest(person);
    for (const name of [
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_AUTH_TOKEN',
      'GITHUB_TOKEN',
      'github_token',
      'DB_PASSWORD',
      'CLIENT_SECRET',
      'OPENAI_API_KEY',
    ])
      expect(secret(name), name).toBe(true);
    for (const name of [
      'PATH',
      'HOME',
      'ANTHROPIC_BASE_URL',
      'GIT_ASKPASS',
      'SSH_AUTH_SOCK',
      'TOKEN_FILE',
      'DB_URL',
      'ATX_SECRET_ENV',
    ])
      expect(secret(name), name).toBe(false);
  });

  it('ATX_SECRET_ENV replaces the default list (names and * patterns); the model key stays secret', () => {
    const secret = secretNameTest({ ATX_SECRET_ENV: ' DB_URL , *_PAT ' });
    expect(['DB_URL', 'GITLAB_PAT', 'ANTHROPIC_API_KEY'].map(secret)).toEqual([true, true, true]);
    expect(['GITHUB_TOKEN', 'DB_URL_2', 'PATH'].map(secret)).toEqual([false, false, false]);
    // Blank is the default, never "nothing is secret".
    expect(secretNameTest({ ATX_SECRET_ENV: ' , ' })('GITHUB_TOKEN')).toBe(true);
  });

  it('refuses entries that are not names (ATX_PASS_ENV takes no patterns)', () => {
    expect(secretSettingsProblems({ ATX_SECRET_ENV: '*_TOKEN,DB URL', ATX_PASS_ENV: 'NPM_TOKEN,*_TOKEN,a-b' })).toEqual(
      [
        'ATX_SECRET_ENV: "DB URL" is neither a variable name nor a pattern such as *_TOKEN (it takes a comma-separated list)',
        'ATX_PASS_ENV: "*_TOKEN" is not a variable name (it takes a comma-separated list of names, no patterns)',
        'ATX_PASS_ENV: "a-b" is not a variable name (it takes a comma-separated list of names, no patterns)',
      ],
    );
    expect(secretSettingsProblems({ ATX_SECRET_ENV: '*_TOKEN, DB_URL', ATX_PASS_ENV: 'NPM_TOKEN' })).toEqual([]);
  });
});

describe('childEnv', () => {
  it('removes every secret variable and keeps the rest, credential helpers and ssh included', () => {
    expect(childEnv(person)).toEqual({
      PATH: person.PATH,
      HOME: person.HOME,
      ANTHROPIC_BASE_URL: person.ANTHROPIC_BASE_URL,
      GIT_ASKPASS: person.GIT_ASKPASS,
      SSH_AUTH_SOCK: person.SSH_AUTH_SOCK,
      TOKEN_FILE: person.TOKEN_FILE,
      DB_URL: person.DB_URL,
    });
  });

  it('passes on what ATX_PASS_ENV names, the model key too if the person says so', () => {
    const env = childEnv({ ...person, ATX_PASS_ENV: 'GITHUB_TOKEN, anthropic_api_key' });
    expect(env.GITHUB_TOKEN).toBe(person.GITHUB_TOKEN);
    expect(env.ANTHROPIC_API_KEY).toBe(person.ANTHROPIC_API_KEY);
    expect(env.DB_PASSWORD).toBeUndefined();
  });

  it("drops atx's own remote URLs when they hold credentials, and only then", () => {
    const env = childEnv({
      ATX_RESULTS_URL: 'https://ci-bot:ghp_0123456789abcdef@git.example.com/org/results.git',
      ATX_REGISTRY_URL: '/srv/git/registry.git',
    });
    expect(env).toEqual({ ATX_REGISTRY_URL: '/srv/git/registry.git' });
    expect(childEnv({ ATX_RESULTS_URL: 'git@github.com:org/results.git' })).toEqual({
      ATX_RESULTS_URL: 'git@github.com:org/results.git',
    });
  });

  it('for git talking to a remote, keeps the credentials but never the model key', () => {
    const env = childEnv(person, { keepCredentials: true });
    expect(env.GITHUB_TOKEN).toBe(person.GITHUB_TOKEN);
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
  });
});

describe('every process atx starts', () => {
  it('runShell: no secret variable, unless passed on', async () => {
    const run = await runShell('env', {
      cwd: '/',
      env: { MY_SERVICE_TOKEN: 'tok-0123456789', ANTHROPIC_API_KEY: 'sk-ant-test-42424242', KEPT: 'yes' },
    });
    expect(run.output).toMatch(/^KEPT=yes$/m);
    expect(run.output).not.toMatch(/^(MY_SERVICE_TOKEN|ANTHROPIC_API_KEY)=/m);
    const passed = await runShell('env', {
      cwd: '/',
      env: { MY_SERVICE_TOKEN: 'tok-0123456789', ATX_PASS_ENV: 'MY_SERVICE_TOKEN' },
    });
    expect(passed.output).toMatch(/^MY_SERVICE_TOKEN=tok-0123456789$/m);
  });

  it('git: what it starts gets no secret variable, except when it talks to a remote', async () => {
    const repo = await makeRepo({ 'a.txt': 'a\n' });
    // An alias from the repository's config is a program git runs with its own environment.
    await execa('git', ['config', 'alias.showenv', '!env'], { cwd: repo });
    const env = { ...process.env, MY_SERVICE_TOKEN: 'tok-0123456789', ANTHROPIC_API_KEY: 'sk-ant-test-42424242' };
    const local = await gitAt(repo, env).raw(['showenv']);
    expect(local).toMatch(/^PATH=/m);
    expect(local).not.toMatch(/^(MY_SERVICE_TOKEN|ANTHROPIC_API_KEY)=/m);
    const direct = await gitOutput(repo, ['showenv'], env);
    expect(direct).toMatch(/^PATH=/m);
    expect(direct).not.toMatch(/^(MY_SERVICE_TOKEN|ANTHROPIC_API_KEY)=/m);
    const remote = await gitAt(repo, env, { remote: true }).raw(['showenv']);
    expect(remote).toMatch(/^MY_SERVICE_TOKEN=tok-0123456789$/m);
    expect(remote).not.toMatch(/^ANTHROPIC_API_KEY=/m);
  });
});

describe('the redactor', () => {
  it('knows the values of secret variables of 8 characters or more, passed on or not, longest first', () => {
    const values = secretValues(
      { ...person, SHORT_TOKEN: 'abc', SPACED_SECRET: '  padded-value  ', ATX_PASS_ENV: 'GITHUB_TOKEN' },
      ['an-extra-secret', 'tiny'],
    );
    expect(values).toEqual(
      expect.arrayContaining([
        'sk-ant-test-0123456789',
        'ghp_abcdefghijklmnop',
        'hunter2hunter2',
        'shh-very-secret',
        'sk-openai-987654321',
        'padded-value',
        'an-extra-secret',
      ]),
    );
    expect(values).not.toContain('abc');
    expect(values).not.toContain('tiny');
    expect(values).not.toContain(person.DB_URL);
    expect([...values].sort((a, b) => b.length - a.length)).toEqual(values);
  });

  it('replaces every occurrence in text, and leaves text without a secret byte for byte', () => {
    const values = secretValues(person);
    expect(
      redactText(`key=${person.ANTHROPIC_API_KEY}\nagain ${person.ANTHROPIC_API_KEY}${person.GITHUB_TOKEN}`, values),
    ).toBe('key=[redacted]\nagain [redacted][redacted]');
    const plain = 'nothing \r\n secret \u00e9\n';
    expect(redactDocument(plain, values)).toBe(plain);
  });

  it('keeps a JSON document valid, whatever the secret looks like', () => {
    const values = secretValues({ PIN_PASSWORD: '12345678', ODD_SECRET: 'quote"back\\slash' });
    const document = {
      durationMs: 9123456789,
      line: 'pin 12345678',
      nested: [{ 'quote"back\\slash': 'quote"back\\slash' }],
    };
    const text = `${JSON.stringify(document, null, 2)}\n`;
    const redacted = redactDocument(text, values);
    expect(JSON.parse(redacted)).toEqual({
      durationMs: 9123456789,
      line: 'pin [redacted]',
      nested: [{ '[redacted]': '[redacted]' }],
    });
    expect(redacted.endsWith('}\n')).toBe(true);
    expect(redactValue(document, values).durationMs).toBe(9123456789);
  });
});
