package io.github.httpssetup.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every part's rules share: the list the problems go to, in property order, and the checks several parts make
 * (ranges, ports, lists of AWS ids, tags), so that each is worded once. Each part of a description has its rules in a
 * subclass, named after it; {@link SpecValidator} runs them in property order.
 */
abstract class Rules {
    /** AWS allows 50 tags per resource; the stack adds its own. */
    private static final int MAX_TAGS = 40;

    private static final int MAX_TAG_KEY_LENGTH = 128;
    private static final int MAX_TAG_VALUE_LENGTH = 256;
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final String TAG_CHARACTERS = "use letters, digits, spaces and _ . : / = + - @";
    private static final int MAX_QUOTED_LENGTH = 64;

    /** Where the problems go; given on to the rules of the parts. */
    final List<Violation> violations;

    /** @param violations where the problems go, shared by the rules of every part */
    Rules(List<Violation> violations) {
        this.violations = violations;
    }

    /**
     * Checks tags against AWS's tag rules.
     *
     * @param path          {@code tags} or {@code targets.instanceTags}
     * @param resourceTags  whether the tags are written on resources (count limit, reserved prefixes), rather than
     *                      only used to select instances, where tags set by AWS such as {@code aws:autoscaling:...}
     *                      are fair game
     */
    final void checkTags(String path, Map<String, String> tags, boolean resourceTags) {
        if (resourceTags && tags.size() > MAX_TAGS) {
            add(
                    path,
                    "has " + tags.size() + " tags; at most " + MAX_TAGS + " are allowed, since AWS allows 50 per"
                            + " resource and https-setup adds its own");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key == null || key.isEmpty()) {
                add(path, "has a tag without a key; give every tag a key of 1-" + MAX_TAG_KEY_LENGTH + " characters");
                continue;
            }
            String keyPath = path + "." + key;
            String lowerKey = key.toLowerCase(Locale.ROOT);
            if (key.length() > MAX_TAG_KEY_LENGTH) {
                add(
                        keyPath,
                        "key is " + key.length() + " characters long; at most " + MAX_TAG_KEY_LENGTH + " are allowed");
            } else if (!TAG_TEXT.matcher(key).matches()) {
                add(keyPath, "key " + quote(key) + " has characters AWS does not allow in tags: " + TAG_CHARACTERS);
            } else if (resourceTags && lowerKey.startsWith("aws:")) {
                add(
                        keyPath,
                        "key " + quote(key) + " is reserved: AWS keeps keys starting with \"aws:\" for itself;"
                                + " choose another key");
            } else if (resourceTags && lowerKey.startsWith("https-setup:")) {
                add(
                        keyPath,
                        "key " + quote(key) + " is reserved: https-setup sets " + quote(HttpsSetup.OWNERSHIP_TAG)
                                + " itself and keeps keys starting with \"https-setup:\"; choose another key");
            }
            String value = tag.getValue();
            if (value == null) {
                add(keyPath, "has no value; give one, or \"\" for an empty value");
            } else if (value.length() > MAX_TAG_VALUE_LENGTH) {
                add(
                        keyPath,
                        "value is " + value.length() + " characters long; at most " + MAX_TAG_VALUE_LENGTH
                                + " are allowed");
            } else if (!TAG_TEXT.matcher(value).matches()) {
                add(keyPath, "value " + quote(value) + " has characters AWS does not allow in tags: " + TAG_CHARACTERS);
            }
        }
    }

    /** Checks a list of AWS ids: each present, well formed, and listed once. */
    final void checkIds(String path, List<String> ids, Pattern pattern, String what, String allowed) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String itemPath = path + "[" + i + "]";
            if (isBlank(id)) {
                add(itemPath, "is empty; give " + what + ", or remove the entry");
            } else if (!pattern.matcher(id).matches()) {
                add(itemPath, quote(id) + " is not " + what + ": use " + allowed);
            } else if (seen.containsKey(id)) {
                add(itemPath, alreadyListed(id, path, seen.get(id)));
            } else {
                seen.put(id, i);
            }
        }
    }

    static String alreadyListed(String value, String path, int index) {
        return quote(value) + " is already listed at " + path + "[" + index + "]; remove one of them";
    }

    final boolean checkPort(String path, int port) {
        if (!Limits.PORT.contains(port)) {
            add(path, port + " is not a port (" + Limits.PORT.text() + ")");
            return false;
        }
        return true;
    }

    final void checkRange(String path, int value, Limits.IntRange range) {
        if (!range.contains(value)) {
            add(path, value + " is out of range (" + range.text() + ")");
        }
    }

    /**
     * Checks that a duration lies within its range and, when AWS takes it in seconds, is a whole number of them.
     *
     * @return whether the duration is valid
     */
    final boolean checkDuration(String path, Duration value, Limits.DurationRange range) {
        if (!range.contains(value)) {
            add(
                    path,
                    Durations.format(value) + " is out of range (" + range.text() + ")"
                            + (range.why() == null ? "" : ": " + range.why()));
            return false;
        }
        if (range.wholeSeconds() && value.getNano() != 0) {
            Duration down = value.withNanos(0);
            add(
                    path,
                    Durations.format(value) + " is not a whole number of seconds: use " + Durations.format(down)
                            + " or " + Durations.format(down.plusSeconds(1)) + " (AWS takes this setting in seconds)");
            return false;
        }
        return true;
    }

    final void add(String path, String message) {
        violations.add(new Violation(path, message));
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The value in double quotes, shortened when very long. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED_LENGTH ? value.substring(0, MAX_QUOTED_LENGTH - 3) + "..." : value;
        return "\"" + shown + "\"";
    }
}
