package io.backprop.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus text exposition, read line by line. */
record Scrape(String text) {

    /** The value of the sample {@code series} (name and labels as exposed, e.g. {@code x_total{mode="call"}}); fails when absent. */
    double value(String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        if (!line.find()) {
            throw new AssertionError("no sample " + series + " in the scrape");
        }
        return Double.parseDouble(line.group(1));
    }

    /** The {@code # TYPE} line's type of a metric family. */
    String type(String family) {
        Matcher line = Pattern.compile("^# TYPE " + Pattern.quote(family) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        if (!line.find()) {
            throw new AssertionError("no metric family " + family + " in the scrape");
        }
        return line.group(1);
    }
}
