import { describe, expect, it } from 'vitest';
import type { SlashCommand } from '../api/bots';
import { buildOptions, matchCommands, moveSelection, slashInvocation, slashQuery } from './slash';

const cmd = (name: string, options: SlashCommand['options'] = [], application_id = '1'): SlashCommand => ({
  command_id: `${application_id}-${name}`,
  application_id,
  server_id: null,
  name,
  description: `${name} things`,
  options,
});

describe('the / picker', () => {
  it('opens while the command name is being typed and closes at the first space', () => {
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('/Ec')).toBe('ec');
    expect(slashQuery('/echo ')).toBeNull();
    expect(slashQuery('hello /echo')).toBeNull();
    expect(slashQuery('//')).toBeNull();
  });

  it('reads the name and the rest of an invocation', () => {
    expect(slashInvocation('/echo  hello there ')).toEqual({ name: 'echo', rest: 'hello there' });
    expect(slashInvocation('/ping')).toEqual({ name: 'ping', rest: '' });
    expect(slashInvocation('not /a command')).toBeNull();
  });

  it('lists names starting with the query first, then names containing it', () => {
    const all = [cmd('weather'), cmd('echo'), cmd('reecho'), cmd('ping'), cmd('echo', [], '2')];
    expect(matchCommands(all, 'ec').map((c) => `${c.name}@${c.application_id}`)).toEqual(['echo@1', 'echo@2', 'reecho@1']);
    expect(matchCommands(all, '').map((c) => c.name)).toEqual(['echo', 'echo', 'ping', 'reecho', 'weather']);
    expect(matchCommands(all, 'zzz')).toEqual([]);
  });

  it('moves the selection with the arrow keys, wrapping at both ends', () => {
    expect(moveSelection(0, 1, 3)).toBe(1);
    expect(moveSelection(2, 1, 3)).toBe(0);
    expect(moveSelection(0, -1, 3)).toBe(2);
    expect(moveSelection(0, 1, 0)).toBe(0);
  });
});

describe('building the options of an interaction', () => {
  const roll = cmd('roll', [
    { type: 4, name: 'sides', required: true },
    { type: 5, name: 'secret' },
    { type: 10, name: 'bonus' },
    { type: 3, name: 'size', choices: [{ name: 'Big', value: 'big' }] },
  ]);

  it('types values as the command declares them', () => {
    expect(buildOptions(roll, { sides: '20', secret: 'true', bonus: '1.5', size: 'big' })).toEqual({
      options: [
        { name: 'sides', value: 20 },
        { name: 'secret', value: true },
        { name: 'bonus', value: 1.5 },
        { name: 'size', value: 'big' },
      ],
      errors: {},
    });
  });

  it('names missing required options and values of the wrong type, and leaves empty optional ones out', () => {
    expect(buildOptions(roll, { secret: 'maybe', size: 'huge' }).errors).toEqual({
      sides: 'is required',
      secret: 'must be true or false',
      size: 'must be one of the choices',
    });
    expect(buildOptions(roll, { sides: '2.5' }).errors).toEqual({ sides: 'must be a whole number' });
    expect(buildOptions(roll, { sides: '6' }).options).toEqual([{ name: 'sides', value: 6 }]);
  });

  it('fills the first empty string option with the text typed after the name', () => {
    const echo = cmd('echo', [{ type: 3, name: 'text', required: true }, { type: 3, name: 'style' }]);
    expect(buildOptions(echo, {}, 'hello world').options).toEqual([{ name: 'text', value: 'hello world' }]);
    expect(buildOptions(echo, { text: 'from the form' }, 'typed').options).toEqual([
      { name: 'text', value: 'from the form' },
      { name: 'style', value: 'typed' },
    ]);
    expect(buildOptions(echo, {}).errors).toEqual({ text: 'is required' });
  });
});
