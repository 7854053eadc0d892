package dev.tripline.context;

/** A context or allowlist file the user gave cannot be used; the message names the file (and entry) and what is wrong. */
public final class ContextFileException extends Exception {
    public ContextFileException(String message) { super(message); }

    public ContextFileException(String message, Throwable cause) { super(message, cause); }
}
