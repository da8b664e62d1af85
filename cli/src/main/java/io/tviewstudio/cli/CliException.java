package io.tviewstudio.cli;

/** Unwinds a command with a {@link CliFailure}; printed and turned into the exit code by {@link TviewsCli}. */
final class CliException extends RuntimeException {

    private final CliFailure failure;

    CliException(CliFailure failure) {
        super(failure.message());
        this.failure = failure;
    }

    static CliException usage(String code, String message, String hint) {
        return new CliException(new CliFailure(ExitCode.USAGE, code, null, message, hint));
    }

    CliFailure failure() {
        return failure;
    }
}
