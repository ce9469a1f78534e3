import { z } from 'zod';
import { formatPath, schemaProblems } from './schema-problems';
import { idList, textField } from './fields';

const Schema = z.strictObject({
  name: textField(10, true),
  items: idList(),
  note: textField(10).optional(),
  window: z.strictObject({ from: z.string({ error: 'must be a string' }) }, { error: 'must be an object' }),
});
const problems = (value: unknown) => schemaProblems(Schema, value).map((p) => ({ ...p, path: formatPath(p.segments) }));

describe('schemaProblems', () => {
  it('gives each bad field its JSON path and each bad list element its own', () => {
    expect(problems({ name: 'a', items: ['ok', 'bad id'], window: { from: 3 } }).map((p) => [p.path, p.message])).toEqual([
      ['items[1]', 'must be an id (letters, digits, ".", "_", "-")'],
      ['window.from', 'must be a string'],
    ]);
  });

  it('reads a null optional field as absent and a null required field as missing', () => {
    expect(problems({ name: null, items: ['a'], note: null, window: { from: 'x' } }).map((p) => [p.path, p.kind])).toEqual([['name', 'missing']]);
  });

  it('places an unknown key by its position without naming it', () => {
    const found = problems({ 'hanako@example.jp': 1, name: 'a', items: ['a'], window: { from: 'x', 'taro@example.jp': null } });
    expect(found.map((p) => [p.path, p.kind, p.position])).toEqual([
      ['window.?', 'unknown', 2],
      ['?', 'unknown', 1],
    ]);
    expect(JSON.stringify(found.map(({ path, position }) => ({ path, position })))).not.toMatch(/example/);
  });

  it('gives a value of the wrong type one reason, not one per check it also fails', () => {
    expect(problems({ name: ['a', 'b'], items: [], window: [] }).map((p) => [p.path, p.message])).toEqual([
      ['name', 'must be a string'],
      ['items', 'must be a non-empty list of ids (letters, digits, ".", "_", "-")'],
      ['window', 'must be an object'],
    ]);
  });

  it('formats paths relative to the document or under a root', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['purposes', 2, 'items', 0], '$')).toBe('$.purposes[2].items[0]');
    expect(formatPath(['purposes', 2, 'items', 0])).toBe('purposes[2].items[0]');
  });
});
