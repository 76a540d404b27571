// Container images in Dockerfiles and GitLab CI: Lambda's Python base images and the official
// python images move their tag; yum becomes dnf where a Lambda image moves from Amazon Linux 2
// (python3.11 and older) to Amazon Linux 2023 (python3.12 and later), and only there.
import { describe, expect, it } from 'vitest';
import { upgradeFile } from './helpers.js';

const lambdaImage = (tag: string, pm: string) => `FROM public.ecr.aws/lambda/python:${tag}

# Native dependencies for psycopg2
RUN ${pm} install -y gcc postgresql-devel \\
    && ${pm} clean all \\
    && rm -rf /var/cache/yum

COPY requirements.txt \${LAMBDA_TASK_ROOT}
RUN pip install -r requirements.txt
CMD [ "app.handler" ]
`;

describe('Dockerfile', () => {
  it('moves a Lambda image from 3.9 to 3.13 with dnf for yum (not in a path)', async () => {
    const { text, findings } = await upgradeFile('Dockerfile', lambdaImage('3.9', 'yum'));
    expect(text).toBe(lambdaImage('3.13', 'dnf'));
    expect(findings).toEqual(['Dockerfile:1 al2023-runtime warning']);
  });

  it('moves 3.11, the last Amazon Linux 2 image, to 3.12 with dnf too', async () => {
    const { text } = await upgradeFile('Dockerfile', lambdaImage('3.11', 'yum'), { targetVersion: '3.12' });
    expect(text).toBe(lambdaImage('3.12', 'dnf'));
  });

  it('moves 3.12 to 3.13 without touching yum: both are Amazon Linux 2023', async () => {
    const { text, findings } = await upgradeFile('Dockerfile', lambdaImage('3.12', 'yum'));
    expect(text).toBe(lambdaImage('3.13', 'yum'));
    expect(findings).toEqual([]);
  });

  it('flags amazon-linux-extras, which Amazon Linux 2023 lacks', async () => {
    const before =
      'FROM public.ecr.aws/lambda/python:3.9\nRUN amazon-linux-extras install -y postgresql14 && yum install -y libpq\n';
    const { text, findings } = await upgradeFile('Dockerfile', before);
    expect(text).toBe(before.replace(':3.9', ':3.13').replace('yum install', 'dnf install'));
    expect(findings).toEqual(['Dockerfile:1 al2023-runtime warning', 'Dockerfile:2 al2023 manual']);
  });

  it('moves python:3.10-slim, an ARG default and a dated Lambda tag; leaves node and other images', async () => {
    const before = `ARG PYTHON_VERSION=3.10
FROM python:\${PYTHON_VERSION}-slim AS builder
RUN apt-get update && apt-get install -y build-essential

FROM node:18-alpine AS assets
RUN npm ci

FROM public.ecr.aws/lambda/python:3.9.2024.01.05.10
FROM amazonlinux:2
RUN yum install -y tar
FROM python:3.10-slim
`;
    const { text, findings } = await upgradeFile('build/Dockerfile.api', before, { targetVersion: '3.12' });
    expect(text).toBe(
      before
        .replace('PYTHON_VERSION=3.10', 'PYTHON_VERSION=3.12')
        .replace('python:3.9.2024.01.05.10', 'python:3.12')
        .replace('FROM python:3.10-slim\n', 'FROM python:3.12-slim\n'),
    );
    expect(findings).toEqual(['build/Dockerfile.api:8 al2023-runtime warning']);
  });

  it('leaves a digest-pinned image with a finding, and a newer one with a note', async () => {
    const before =
      'FROM public.ecr.aws/lambda/python:3.9@sha256:4f3b0ed4d8f5c6a7e8d1b2c3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3\n' +
      'FROM python:3.14-slim AS tools\n';
    const { text, findings } = await upgradeFile('Dockerfile', before);
    expect(text).toBeUndefined();
    expect(findings).toEqual(['Dockerfile:1 pinned-digest manual', 'Dockerfile:2 newer-than-target info']);
  });

  it('drops a patch release from the tag and warns about an old Debian variant', async () => {
    const { text, findings } = await upgradeFile('Dockerfile', 'FROM python:3.9.18-slim-bullseye\n');
    expect(text).toBe('FROM python:3.13-slim-bullseye\n');
    expect(findings).toEqual(['Dockerfile:1 image-variant warning']);
  });

  it('keeps CRLF line endings', async () => {
    const before = lambdaImage('3.9', 'yum').replaceAll('\n', '\r\n');
    const { text } = await upgradeFile('Dockerfile', before);
    expect(text).toBe(lambdaImage('3.13', 'dnf').replaceAll('\n', '\r\n'));
  });

  // The ARG moves the Lambda image to Amazon Linux 2023, so the stage's yum must become dnf too.
  it('gives dnf to a Lambda image whose tag comes from ARG PYTHON_VERSION', async () => {
    const before =
      'ARG PYTHON_VERSION=3.9\nFROM public.ecr.aws/lambda/python:${PYTHON_VERSION}\nRUN yum install -y gcc\n';
    const { text } = await upgradeFile('Dockerfile', before);
    expect(text).toBe(
      'ARG PYTHON_VERSION=3.13\nFROM public.ecr.aws/lambda/python:${PYTHON_VERSION}\nRUN dnf install -y gcc\n',
    );
  });
});

describe('GitLab CI', () => {
  const pipeline = (python: string, lambda: string, pm: string) => `# Orders pipeline
image: python:${python}-slim

stages: [test, package]

test:
  stage: test
  script:
    - pip install -r requirements-dev.txt
    - pytest

package:
  stage: package
  image:
    name: public.ecr.aws/lambda/python:${lambda}
    entrypoint: [""]
  script:
    - ${pm} install -y zip
    - pip install -r requirements.txt -t build/

frontend:
  image: node:18
  script:
    - yum --version || true
`;

  it('moves the pipeline image and a job image to 3.12; yum becomes dnf in that job only', async () => {
    const { text, findings } = await upgradeFile('.gitlab-ci.yml', pipeline('3.9', '3.9', 'yum'), {
      targetVersion: '3.12',
    });
    expect(text).toBe(pipeline('3.12', '3.12', 'dnf'));
    expect(findings).toEqual(['.gitlab-ci.yml:15 al2023-runtime warning']);
  });

  it('moves 3.12 to 3.13 without touching yum', async () => {
    const { text, findings } = await upgradeFile('.gitlab-ci.yml', pipeline('3.12', '3.12', 'yum'));
    expect(text).toBe(pipeline('3.13', '3.13', 'yum'));
    expect(findings).toEqual([]);
  });

  it('gives dnf to the jobs of a default Lambda image that have none of their own', async () => {
    const before = `default:
  image: public.ecr.aws/lambda/python:3.10
  before_script:
    - yum install -y git

build:
  script:
    - |
      yum install -y zip
      amazon-linux-extras enable postgresql14

lint:
  image: python:3.10
  script:
    - yum --version
`;
    const { text, findings } = await upgradeFile('.gitlab-ci.yml', before);
    expect(text).toBe(
      before
        .replace('python:3.10\n  before', 'python:3.13\n  before')
        .replace('- yum install -y git', '- dnf install -y git')
        .replace('yum install -y zip', 'dnf install -y zip')
        .replace('image: python:3.10', 'image: python:3.13'),
    );
    expect(findings).toEqual(['.gitlab-ci.yml:2 al2023-runtime warning', '.gitlab-ci.yml:10 al2023 manual']);
  });

  it('moves a version variable the images read, and no other variable', async () => {
    const before =
      'variables:\n  PYTHON_VERSION: "3.9"  # the runtime\n  CACHE_VERSION: "3.9"\ntest:\n  image: python:${PYTHON_VERSION}-slim\n  variables:\n    PY_VERSION: \'3.10\'\n  script: [pytest]\n';
    expect(await upgradeFile('.gitlab-ci.yml', before)).toEqual({
      text: before.replace('"3.9"  #', '"3.13"  #').replace("'3.10'", "'3.13'"),
      findings: [],
    });
  });

  it('leaves a newer image and a digest with findings', async () => {
    const before =
      'sast:\n  image: "python:3.14-alpine"\n  script: bandit -r src\nbuild:\n  image: python:3.9@sha256:0123abcd\n  script: make\n';
    const { text, findings } = await upgradeFile('.gitlab-ci.yml', before);
    expect(text).toBeUndefined();
    expect(findings).toEqual(['.gitlab-ci.yml:2 newer-than-target info', '.gitlab-ci.yml:5 pinned-digest manual']);
  });
});
