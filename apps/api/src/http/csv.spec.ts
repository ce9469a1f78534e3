import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what a spreadsheet would split (commas, quotes, line breaks) and leaves ids as they are', () => {
    expect(toCsv([['hmac:ab12', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere']])).toBe('hmac:ab12,"a,b","say ""hi""","two\nlines","cr\rhere"\n');
  });

  it('writes absent cells empty, booleans as true/false and numbers as digits', () => {
    expect(toCsv([[null, undefined, true, false, 3, '']])).toBe(',,true,false,3,\n');
  });

  it('keeps a free-text cell from running as a formula', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@a', 'a=b']])).toBe(`"'=HYPERLINK(""x"")",'+1,'-2,'@a,a=b\n`);
  });

  it('writes the header even with no rows, and nothing for no rows without one', () => {
    expect(toCsv([], ['subject_ref', 'items'])).toBe('subject_ref,items\n');
    expect(toCsv([])).toBe('');
  });
});
