// How the view decodes a file's bytes and encodes text back: exact round trips, and the line of
// the first byte that is not UTF-8.
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, firstInvalidUtf8 } from '../../src/util/text-file.js';

function roundTrip(bytes: Buffer): Buffer {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new Error('not UTF-8');
  return Buffer.from(encodeText(decoded.text, decoded.format), 'utf8');
}

describe('text files', () => {
  it('gives LF text for CRLF files and CRLF back, keeping a BOM, lone CRs and mixed files as they are', () => {
    for (const text of [
      '\uFEFFa\r\nb\r\n',
      'a\r\nb\rc\r\n',
      'a\r\r\nb',
      'a\nb\r\n',
      'a\nb\n',
      '',
      '\uFEFF',
      'x\u2028y\r\n',
    ]) {
      expect(roundTrip(Buffer.from(text, 'utf8')).toString('utf8')).toBe(text);
    }
    const crlf = decodeText(Buffer.from('\uFEFFa\r\nb\r\n', 'utf8'));
    expect(crlf).toMatchObject({ ok: true, text: 'a\nb\n', format: { bom: true, crlf: true } });
    expect(decodeText(Buffer.from('a\nb\r\n', 'utf8'))).toMatchObject({
      ok: true,
      text: 'a\nb\r\n',
      format: { crlf: false },
    });
    // Lines a codemod adds to a CRLF file get CRLF too.
    expect(encodeText('a\nnew\nb\n', { bom: false, crlf: true })).toBe('a\r\nnew\r\nb\r\n');
  });

  it('finds the first byte that is not UTF-8, and its line', () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0xe9, 0x62], 1], // Latin-1 é
      [[0xc0, 0x80], 0], // overlong NUL
      [[0x61, 0xed, 0xa0, 0x80], 1], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82], 4], // an emoji, then a cut-off sequence
      [[0xf0, 0x9f, 0x98, 0x80], 4], // all valid: the length
    ];
    for (const [bytes, offset] of cases) expect(firstInvalidUtf8(Buffer.from(bytes))).toBe(offset);
    const latin1 = Buffer.concat([Buffer.from('one\ntwo\n'), Buffer.from('caf\xe9\n', 'latin1')]);
    expect(decodeText(latin1)).toMatchObject({ ok: false, line: 3, lossy: 'one\ntwo\ncaf\uFFFD\n' });
  });
});
