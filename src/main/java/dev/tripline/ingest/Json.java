package dev.tripline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one ObjectMapper of the ingest layer: creating mappers is costly and they are thread-safe once built. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}
}
