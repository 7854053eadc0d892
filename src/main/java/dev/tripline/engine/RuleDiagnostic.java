package dev.tripline.engine;

/** One compiler message, located in the file the user edits: {@code path:line:col: level: message}. */
public record RuleDiagnostic(String path, int line, int column, Level level, String message) {
    public enum Level { ERROR, WARNING, INFO }

    @Override public String toString() {
        StringBuilder s = new StringBuilder(path);
        if (line > 0) s.append(':').append(line);
        if (line > 0 && column > 0) s.append(':').append(column);
        return s.append(": ").append(level.name().toLowerCase()).append(": ").append(message).toString();
    }
}
