package org.ixp.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on the terminal for long listings, or nothing: shown only when standard error is a terminal, the
 * listing is long enough to be worth one, and neither {@code --no-progress} nor {@code --verbose} was given.
 */
final class Progress implements AutoCloseable {
    private static final long SHOW_ABOVE = 1000;
    private static final long SHOW_ABOVE_BYTES = 256 * 1024;
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param total the expected count, or -1 when unknown */
    static Progress of(String task, long total, boolean wanted) {
        boolean show = wanted && System.console() != null && (total < 0 || total > SHOW_ABOVE);
        return new Progress(show ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).build() : null);
    }

    /** A bar counting bytes (shown in KiB, with the speed), for transfers of more than 256 KiB. */
    static Progress bytes(String task, long totalBytes, boolean wanted) {
        boolean show = wanted && System.console() != null && totalBytes > SHOW_ABOVE_BYTES;
        return new Progress(show ? new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBytes)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" KiB", 1024).showSpeed().build() : null);
    }

    /** No bar. */
    static Progress none() {
        return new Progress(null);
    }

    void step(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
