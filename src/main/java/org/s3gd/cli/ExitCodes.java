package org.s3gd.cli;

/** What the exit status of {@code s3gd} means; scripts may rely on these. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:success";
    static final String FAILURE_LINE = "1:failure while running: data missing or corrupt, unreadable checkpoint, I/O error";
    static final String USAGE_LINE = "2:usage error: unknown option, invalid value, a network that would not fit the heap";

    private ExitCodes() {
    }
}
