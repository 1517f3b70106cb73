import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { CsvError, detectTask, MAX_AUTO_CLASSES, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads a pandas to_csv() file: the index column is dropped, the header names the columns', () => {
    const text = ',x1,x2,label\n0,0.5,1.0,0\n1,-1.0,2.5,2\n2,3.0,4.0,1\n';
    const d = parseCsv(text);
    expect(d.X).toEqual([[0.5, 1], [-1, 2.5], [3, 4]]);
    expect(d.y).toEqual([0, 2, 1]);
    expect(d.task).toBe('classification');
    expect(d.classes).toBe(3);
    expect(d.droppedIndex).toBe(true);
    expect(d.columns).toEqual(['x1', 'x2', 'label']);
  });

  it("reads pandas' 'Unnamed: 0' index header, quoted names and CRLF endings", () => {
    const d = parseCsv('"Unnamed: 0","a","b","y"\r\n0,1,2,0\r\n1,3,4,1\r\n');
    expect(d.X).toEqual([[1, 2], [3, 4]]);
    expect(d.y).toEqual([0, 1]);
    expect(d.columns).toEqual(['a', 'b', 'y']);
  });

  it('reads semicolon files with decimal commas, and tab-separated pandas output', () => {
    const semi = parseCsv('x1;x2;y\n0,5;1;0,25\n-1,5;2;0,75\n3;4;1,5\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.X).toEqual([[0.5, 1], [-1.5, 2], [3, 4]]);
    expect(semi.task).toBe('regression');
    expect(semi.y).toEqual([[0.25], [0.75], [1.5]]);
    const tab = parseCsv('\tx1\tx2\tlabel\n0\t0.1\t0.2\t1\n1\t0.3\t0.4\t0\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.X).toEqual([[0.1, 0.2], [0.3, 0.4]]);
    expect(tab.y).toEqual([1, 0]);
  });

  it('decides regression from real values in the last column, without being told', () => {
    const d = parseCsv('x,y\n-1,-0.0\n-0.5,-1.0\n0,0\n0.5,1.0\n1,0.1\n');
    expect(d.task).toBe('regression');
    expect(d.classes).toBe(1);
    expect(d.y).toEqual([[-0], [-1], [0], [1], [0.1]]);
  });

  it('integer targets that take many values are regression; few are classes', () => {
    const counts = Array.from({ length: 40 }, (_, i) => i * 3);
    expect(detectTask(counts)).toBe('regression');
    expect(detectTask([0, 1, 1, 0])).toBe('classification');
    expect(detectTask([-1, 1, 1, -1])).toBe('regression');
    expect(detectTask(Array.from({ length: 200 }, (_, i) => i % MAX_AUTO_CLASSES))).toBe('classification');
    expect(detectTask(Array.from({ length: 200 }, (_, i) => i % (MAX_AUTO_CLASSES + 1)))).toBe('regression');
  });

  it('rejects a one-row file, and an empty one, with a message', () => {
    expect(() => parseCsv('x1,x2,label\n0.5,1,0\n')).toThrow('only 1 data row');
    expect(() => parseCsv('# nothing\n')).toThrow('no data rows');
  });

  it('rejects class labels beyond LIMITS.classes (a label of 1e8 once asked for 12 GB)', () => {
    const rows = ['x1,x2,label', '0,0,0', '1,1,1', `2,2,${LIMITS.classes}`].join('\n');
    expect(() => parseCsv(rows)).toThrow(`line 4: label ${LIMITS.classes}: at most ${LIMITS.classes} classes`);
    expect(() => parseCsv('1,2,0\n1,2,100000000\n', 'classification')).toThrow(CsvError);
    expect(() => parseCsv('1,2,0\n1,2,-1\n', 'classification')).toThrow('line 2: label -1 is not a class number');
  });

  it('names the line and column of a bad cell or a short row', () => {
    expect(() => parseCsv('1,2,0\n1,abc,1')).toThrow('line 2, column 2: "abc" is not a number');
    expect(() => parseCsv('x1,x2,label\n1,2,0\n9,10\n')).toThrow('line 3: expected 3 values like the header, got 2');
  });

  it(`reads ${LIMITS.rows} rows in one pass (no "Maximum call stack size exceeded") and refuses one more`, () => {
    const lines: string[] = ['x1,x2,label'];
    for (let i = 0; i < LIMITS.rows; i++) lines.push(`${(i % 97) / 97},${(i % 89) / 89},${i % 3}`);
    const d = parseCsv(lines.join('\n'));
    expect(d.X.length).toBe(LIMITS.rows);
    expect(d.classes).toBe(3);
    expect(d.X[LIMITS.rows - 1]).toEqual([((LIMITS.rows - 1) % 97) / 97, ((LIMITS.rows - 1) % 89) / 89]);
    lines.push('0,0,0');
    expect(() => parseCsv(lines.join('\n'))).toThrow(`more than ${LIMITS.rows} data rows`);
  });
});
