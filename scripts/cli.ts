/**
 * `duizhao` — the command line over the engine. Commands live in scripts/commands/; this file only
 * dispatches and turns errors into one clear line on stderr (a stack only with --debug).
 */
import { isDuizhaoError, say } from '../electron/engine/model';
import { parseArgs, UsageError, type Command } from './commands/common';
import { listCommand, parseCommand } from './commands/parse';
import { alignCommand } from './commands/align';
import { annotateCommand } from './commands/annotate';
import { exportCommand } from './commands/export';
import { searchCommand } from './commands/search';
import { compareCommand } from './commands/compare';
import { historyCommand } from './commands/history';
import { editCommand, importCommand, removeCommand } from './commands/library';
import { decisionCommand, refsCommand } from './commands/draft';

const COMMANDS: Command[] = [listCommand, parseCommand, compareCommand, historyCommand, alignCommand, exportCommand, annotateCommand, searchCommand, decisionCommand, refsCommand, importCommand, editCommand, removeCommand];

function help(): string {
  const lines = [say('cli.help_header'), '', say('cli.help_commands')];
  for (const c of COMMANDS) lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
  lines.push('', say('cli.help_ref'));
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [name, ...rest] = argv;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      process.stdout.write(help() + '\n');
      return name ? 0 : 1;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(say('cli.unknown_command', { name }));
    const args = parseArgs(rest, command.flags);
    if (args.flags.has('help')) {
      process.stdout.write(`${say('cli.usage', { usage: command.usage })}\n`);
      return 0;
    }
    await command.run(args);
    return 0;
  } catch (e) {
    const message = isDuizhaoError(e) || e instanceof UsageError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`duizhao: ${message}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return isDuizhaoError(e) || e instanceof UsageError ? 2 : 1;
  }
}

// `duizhao parse … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`duizhao: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
