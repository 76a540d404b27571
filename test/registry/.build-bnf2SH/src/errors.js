// The few error classes atx throws on purpose. Only src/cli maps them to exit codes.
/** Bad input from the user: unknown flag or definition, invalid file, not a repository. Exit 2. */
export class UsageError extends Error {
    exitCode = 2;
    constructor(message, options) {
        super(message, options);
        this.name = 'UsageError';
    }
}
/** A definition file that does not follow the format; carries the file and line. Exit 2. */
export class DefinitionError extends UsageError {
    file;
    line;
    reason;
    constructor(file, line, reason) {
        super(`${file}${line ? `:${line}` : ''}: ${reason}`);
        this.file = file;
        this.line = line;
        this.reason = reason;
        this.name = 'DefinitionError';
    }
}
/** A git command failed; stderr is attached. */
export class GitError extends Error {
    stderr;
    constructor(message, stderr = '', options) {
        super(stderr ? `${message}\n${stderr.trim()}` : message, options);
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/** The run was interrupted (Ctrl-C, SIGTERM); it can be resumed. Exit 130. */
export class InterruptedError extends Error {
    exitCode = 130;
    constructor(message = 'interrupted') {
        super(message);
        this.name = 'InterruptedError';
    }
}
export function exitCodeOf(error) {
    if (error instanceof UsageError)
        return 2;
    if (error instanceof InterruptedError)
        return 130;
    return 1;
}
