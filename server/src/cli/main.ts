import { runCli } from './run-cli';

export { runCli };

/**
 * The `studio-lint` process. A reader that goes away (`studio-lint … | head -1`) is not an error of the run: the
 * rest of the output is dropped quietly (no stack trace) and the exit status is still the lint result.
 */
function main(): void {
  let stdoutOpen = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutOpen = false;
  });
  // Nothing sensible is left to report to when stderr itself is gone.
  process.stderr.on('error', () => {});
  process.exitCode = runCli(
    process.argv.slice(2),
    (s) => {
      if (stdoutOpen) process.stdout.write(s);
    },
    (s) => {
      if (!process.stderr.destroyed) process.stderr.write(s);
    },
  );
}

if (require.main === module) main();
