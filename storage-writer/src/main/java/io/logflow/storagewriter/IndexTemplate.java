package io.logflow.storagewriter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of LogFlow's index template ({@code index-template.json}) for a layout: for daily
 * indices it matches {@code {prefix}-*}; for a data stream it matches the stream's name
 * only, says {@code data_stream}, and maps {@code @timestamp}. The same body on every store.
 *
 * <p>Every SPEC field keeps SPEC's type and stays in {@code _source}; what costs Elasticsearch
 * CPU for nobody is left out (measured: {@code bench/run.sh --document=true}): the fields no
 * reader filters, sorts or aggregates on are neither indexed nor in doc values (a unique
 * {@code message_hash} was a third of the index; {@code index_name} is the hit's
 * {@code _index}), {@code timestamp_ms} is in doc values only
 * (sortable; a range on it still works, scanning), {@code correlation_id} is searched by term
 * only, and {@code message} has no length norms (every reader sorts by time).
 */
final class IndexTemplate {

    private IndexTemplate() {}

    static byte[] body(LogStorage storage) {
        String pattern = storage.dataStream() ? storage.prefix() : storage.prefix() + "-*";
        try (InputStream in = IndexTemplate.class.getResourceAsStream("/index-template.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${index_pattern}", pattern);
            if (!storage.dataStream()) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            ObjectNode template = (ObjectNode) Json.mapper().readTree(text);
            template.putObject("data_stream");
            ((ObjectNode) template.path("template").path("mappings").path("properties"))
                    .putObject("@timestamp").put("type", "date");
            return Json.mapper().writeValueAsBytes(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
