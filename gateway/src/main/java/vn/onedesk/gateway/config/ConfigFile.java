package vn.onedesk.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a configuration file for people who edit it by hand, often in Notepad on Windows: a UTF-8
 * byte-order mark is accepted, any other encoding is named (UTF-16, or the line and column of the first
 * byte that is not UTF-8, as a file saved in Windows-1258 has), and a JSON syntax error gives its line
 * and column. Every problem is one sentence that starts with the file's path.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** The file's JSON object, or the problem that stops it being read. */
    public static Result read(Path path) {
        Path shown = path.toAbsolutePath();
        if (Files.isDirectory(path)) {
            return Result.problem(shown + " is a folder; point it at the configuration file itself");
        }
        if (!Files.exists(path)) {
            return Result.problem("no file at " + shown);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (AccessDeniedException e) {
            return Result.problem("cannot read " + shown + ": permission denied for the user running OneDesk");
        } catch (IOException e) {
            return Result.problem("cannot read " + shown + ": " + e.getMessage());
        }
        Optional<String> unicode = otherUnicode(bytes);
        if (unicode.isPresent()) {
            return Result.problem(shown + " is saved as " + unicode.get() + "; save it as UTF-8");
        }
        int start = hasUtf8Mark(bytes) ? 3 : 0;
        String text;
        try {
            text = strictUtf8().decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes, start);
            Position at = Position.of(bytes, start, bad);
            return Result.problem(shown + " is not valid UTF-8: byte 0x" + String.format("%02X", bytes[bad] & 0xff)
                    + " at line " + at.line() + ", column " + at.column() + " cannot be read. Save the file as UTF-8"
                    + " (it looks saved in another encoding, such as Windows-1258 or Windows-1252)");
        }
        if (text.isBlank()) {
            return Result.problem(shown + " is empty");
        }
        Object value;
        try {
            value = Json.decodeValue(text);
        } catch (DecodeException e) {
            return Result.problem(shown + " is not valid JSON" + syntax(e));
        }
        return value instanceof JsonObject json ? Result.of(json)
                : Result.problem(shown + " must hold one JSON object ({ … }), not an array or a single value");
    }

    /** " at line L, column C: what the parser expected", from Jackson's location when it gave one. */
    private static String syntax(DecodeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException j) {
                JsonLocation at = j.getLocation();
                String what = j.getOriginalMessage().replaceAll("\\s+", " ").trim();
                return at == null ? ": " + what
                        : " at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
            }
        }
        String message = e.getMessage();
        return message == null ? "" : ": " + message;
    }

    private static Optional<String> otherUnicode(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF
                || b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0) {
            return Optional.of("UTF-32");
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE
                || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)) {
            return Optional.of("UTF-16 (\"Unicode\" in Notepad)");
        }
        // UTF-16 without a mark: JSON starts with ASCII, so every other byte is zero.
        if (b.length >= 4 && (b[0] == 0 && b[2] == 0 && b[1] != 0 || b[1] == 0 && b[3] == 0 && b[0] != 0)) {
            return Optional.of("UTF-16");
        }
        return Optional.empty();
    }

    private static boolean hasUtf8Mark(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The offset of the first byte that does not start a valid UTF-8 sequence. */
    private static int firstInvalidUtf8(byte[] bytes, int start) {
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /** A line and column (from 1), counting characters, for the byte at {@code offset}. */
    record Position(int line, int column) {
        static Position of(byte[] bytes, int start, int offset) {
            int line = 1;
            int column = 1;
            for (int i = start; i < offset; i++) {
                int b = bytes[i] & 0xff;
                if (b == '\n') {
                    line++;
                    column = 1;
                } else if ((b & 0xC0) != 0x80) { // a continuation byte is part of the previous character
                    column++;
                }
            }
            return new Position(line, column);
        }
    }

    /** Either the object or the problem. */
    public record Result(JsonObject json, String problem) {
        static Result of(JsonObject json) {
            return new Result(json, null);
        }

        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }
}
