package dev.tripline.ingest;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one ObjectMapper of the ingest layer: creating mappers is costly and they are thread-safe once built.
 * Parsers leave streams open: the reader owns them and still counts lines after a syntax error.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private Json() {}
}
