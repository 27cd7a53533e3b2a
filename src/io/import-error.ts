// The error every importer throws for bad input: it names the line (1 = header) and the
// column, so the user can fix the file. The CLI prints it and exits with status 2.
export class ImportError extends Error {
  constructor(
    readonly line: number,
    readonly column: string | undefined,
    readonly detail: string,
  ) {
    super(`line ${line}${column ? `, column ${column}` : ''}: ${detail}`);
    this.name = 'ImportError';
  }
}

/** Bad command-line usage (unknown table, missing file): exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
