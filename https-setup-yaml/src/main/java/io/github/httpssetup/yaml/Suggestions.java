package io.github.httpssetup.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The nearest known word to a misspelled one, by edit distance (Damerau-Levenshtein, ignoring case). */
final class Suggestions {
    /** Longer words are no misspelling of a key, and would cost a large table to compare. */
    private static final int MAX_WORD_LENGTH = 64;
    /** A word this long that starts a known word is taken as that word cut short: {@code dual} for {@code dualstack}. */
    private static final int MIN_PREFIX_LENGTH = 3;

    private Suggestions() {}

    /**
     * The known word closest to {@code word}, when it is close enough to be a likely misspelling: at most one edit for
     * words of up to 4 characters, two up to 8, three beyond. An insertion, deletion, substitution or swap of two
     * neighbouring characters is one edit; case differences are none. Failing that, a known word the word begins.
     *
     * @return the suggestion; empty when no known word is close
     */
    static Optional<String> nearest(String word, Collection<String> known) {
        if (word.length() > MAX_WORD_LENGTH) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= allowedEdits(word)) {
            return Optional.of(best);
        }
        return word.length() >= MIN_PREFIX_LENGTH
                ? known.stream()
                        .filter(candidate ->
                                candidate.toLowerCase(Locale.ROOT).startsWith(word.toLowerCase(Locale.ROOT)))
                        .findFirst()
                : Optional.empty();
    }

    private static int allowedEdits(String word) {
        int length = word.length();
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /** The optimal string alignment distance: Levenshtein plus transpositions of adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
