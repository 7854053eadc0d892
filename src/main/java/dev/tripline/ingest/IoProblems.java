package dev.tripline.ingest;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.zip.ZipException;

/** Why an input could not be read, in words a user acts on rather than exception class names. */
final class IoProblems {
    private IoProblems() {}

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemLoopException) return "symbolic link loop";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof ZipException) return "not valid gzip: " + e.getMessage();
        if (e instanceof EOFException) return "unexpected end of file (truncated gzip?): " + e.getMessage();
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
