// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from './tool-call-accumulator';

describe('ToolCallAccumulator', () => {
  it('merges argument fragments by index, keeping the first id and name', () => {
    const acc = new ToolCallAccumulator();
    acc.add([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '' } },
    ]);
    acc.add([{ index: 0, function: { arguments: '{"path":' } }]);
    acc.add([{ index: 0, id: 'call_1', function: { arguments: '"a.txt"}' } }]);
    expect(acc.calls()).toEqual([
      { id: 'call_1', name: 'read_file', arguments: '{"path":"a.txt"}' },
    ]);
  });

  it('keeps calls in order of first appearance, whatever their indexes', () => {
    const acc = new ToolCallAccumulator();
    acc.add([{ index: 1, id: 'a', function: { name: 'x', arguments: '{}' } }]);
    acc.add([{ index: 2, id: 'b', function: { name: 'y', arguments: '{' } }]);
    acc.add([{ index: 2, function: { arguments: '}' } }]);
    expect(acc.calls().map((c) => [c.id, c.arguments])).toEqual([
      ['a', '{}'],
      ['b', '{}'],
    ]);
  });

  it('tells calls apart by id when the server sends no index', () => {
    const acc = new ToolCallAccumulator();
    acc.add([
      { id: 'a', function: { name: 'x', arguments: '{"n":1}' } },
      { id: 'b', function: { name: 'y', arguments: '{"n":2}' } },
    ]);
    acc.add([{ function: { arguments: '' } }]);
    expect(acc.calls()).toEqual([
      { id: 'a', name: 'x', arguments: '{"n":1}' },
      { id: 'b', name: 'y', arguments: '{"n":2}' },
    ]);
  });

  it('names a call without an id after its index', () => {
    const acc = new ToolCallAccumulator();
    acc.add([{ index: 3, function: { name: 'x', arguments: '{}' } }, 'junk']);
    expect(acc.calls()).toEqual([{ id: 'call_3', name: 'x', arguments: '{}' }]);
  });
});
