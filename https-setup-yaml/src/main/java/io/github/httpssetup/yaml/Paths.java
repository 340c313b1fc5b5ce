package io.github.httpssetup.yaml;

/** Key paths as the core writes them: {@code targets.port}, {@code domain.alternativeNames[1]}, {@code tags.team}. */
final class Paths {
    private Paths() {}

    /** {@return the path of a key in the mapping at {@code path}} */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@return the path of an item of the list at {@code path}} */
    static String item(String path, int index) {
        return path + "[" + index + "]";
    }

    /**
     * The path of the mapping or list holding {@code path}: {@code domain.alternativeNames[1]} is in
     * {@code domain.alternativeNames}, which is in {@code domain}, which is in the root, {@code ""}.
     *
     * @return the enclosing path, {@code ""} for a top-level key
     */
    static String parent(String path) {
        int end = path.length();
        if (path.endsWith("]")) {
            int open = path.lastIndexOf('[');
            if (open > 0) {
                return path.substring(0, open);
            }
        }
        int dot = path.lastIndexOf('.', end - 1);
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
