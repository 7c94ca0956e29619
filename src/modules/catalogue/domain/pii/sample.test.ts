import { describe, expect, it } from 'vitest';
import { isPlaceholder, sampleValues } from './sample.js';

describe('sampleValues', () => {
  it('drops missing cells, blanks and placeholders, and normalises the rest', () => {
    const cells = [
      null,
      undefined,
      '',
      '  ',
      '无',
      'N/A',
      'NULL',
      '-',
      '不详',
      ' 13812345678 ',
      '１３８１２３４５６７８',
    ];
    expect(sampleValues(cells, 100)).toEqual(['13812345678', '13812345678']);
  });

  it('stops after max values', () => {
    expect(sampleValues(['a', 'b', null, 'c', 'd'], 3)).toEqual(['a', 'b', 'c']);
  });

  it('keeps values that only resemble placeholders', () => {
    expect(isPlaceholder('0')).toBe(false);
    expect(isPlaceholder('无锡')).toBe(false);
    expect(isPlaceholder('n/a')).toBe(true);
  });
});
