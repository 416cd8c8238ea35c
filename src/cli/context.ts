/** What every command's action gets from the CLI entry point. */
export interface CliContext {
  /** Sets the process exit status (see exit.ts). */
  setStatus(code: number): void;
}
