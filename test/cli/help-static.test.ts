import { Command, Help } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { COMMAND_TABLE } from '../../src/cli/command-table.js';
import { memoryIO } from '../support/memory-io.js';

// Every command module is made to fail on load: top-level help and --version must not need any of them.
const { boom } = vi.hoisted(() => ({
  boom: (name: string) => () => {
    throw new Error(`${name} was loaded`);
  },
}));
vi.mock('../../src/cli/commands/validate.js', boom('validate'));
vi.mock('../../src/cli/commands/serve.js', boom('serve'));
vi.mock('../../src/cli/commands/aggregate.js', boom('aggregate'));
vi.mock('../../src/cli/commands/conformance.js', boom('conformance'));
vi.mock('../../src/cli/commands/coverage.js', boom('coverage'));
vi.mock('../../src/cli/commands/lint-spec.js', boom('lint-spec'));
vi.mock('../../src/cli/commands/diff.js', boom('diff'));
vi.mock('../../src/cli/commands/migrate.js', boom('migrate'));
vi.mock('../../src/cli/commands/compose.js', boom('compose'));
vi.mock('../../src/cli/commands/docs.js', boom('docs'));
vi.mock('../../src/cli/commands/offers.js', boom('offers'));
vi.mock('../../src/cli/commands/accept.js', boom('accept'));
vi.mock('../../src/cli/commands/cancel.js', boom('cancel'));
vi.mock('../../src/cli/commands/watch.js', boom('watch'));

const { cli } = await import('../../src/cli/main.js');

const io = () => memoryIO();

describe('top-level help loads no command module', () => {
  it('--help, help, no arguments and --version answer from the static table', async () => {
    for (const argv of [['--help'], ['help'], ['-h']]) {
      const t = io();
      expect(await cli(argv, t), argv.join(' ')).toBe(0);
      const text = t.out.join('');
      for (const name of Object.keys(COMMAND_TABLE)) expect(text).toMatch(new RegExp(`^  ${name} \\[options\\]`, 'm'));
      expect(text).toContain('  validate [options] <files...>');
      expect(text).toContain('  diff [options] <old> <new>');
    }
    const v = io();
    expect(await cli(['--version'], v)).toBe(0);
    expect(v.out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('an unknown command is a usage error listing the commands, still without loading any', async () => {
    const t = io();
    expect(await cli(['valdate'], t)).toBe(2);
    expect(t.err.join('')).toContain("error: unknown command 'valdate'");
    expect(t.err.join('')).toContain('(Did you mean validate?)');
  });

  it('a named command is loaded; one that fails to load (a dependency missing) is one line and exit 2', async () => {
    for (const argv of [
      ['validate', 'x.yaml'],
      ['aggregate', '--help'],
      ['help', 'serve'],
    ]) {
      const t = io();
      expect(await cli(argv, t), argv.join(' ')).toBe(2);
      const name = argv[0] === 'help' ? argv[1] : argv[0];
      expect(t.err.join('')).toMatch(
        new RegExp(`^ebkit ${name}: cannot load the command: .*(${name} was loaded|error when mocking).*\\n$`),
      );
      expect(t.err.join('')).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the static table is what each module registers', () => {
  it('same names, arguments and descriptions', async () => {
    const help = new Help();
    const names = Object.keys(COMMAND_TABLE);
    expect(names).toHaveLength(14);
    for (const name of names) {
      vi.doUnmock(`../../src/cli/commands/${name}.js`);
      const mod = (
        await vi.importActual<typeof import('../../src/cli/commands/validate.js')>(`../../src/cli/commands/${name}.js`)
      ).command;
      const program = new Command('ebkit');
      mod.register(program, io(), () => undefined);
      const real = program.commands.find((c) => c.name() === name);
      expect(real, name).toBeDefined();
      const row = COMMAND_TABLE[name]!;
      expect(real!.description(), name).toBe(row.description);
      expect(help.subcommandTerm(real!), name).toBe(`${name} [options]${row.args ? ` ${row.args}` : ''}`);
    }
  });
});
