package io.logflow.core.log;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the storage writer lays out stored logs ({@code storage_writer.index_mode}). */
public enum IndexMode {
    /** One index per UTC day, {@code {prefix}-yyyy.MM.dd}: the seed's layout, the default. */
    DAILY("daily"),
    /** One data stream named {@code {prefix}}, its backing indices rolled over daily by LogFlow. */
    DATA_STREAM("data_stream");

    private final String option;

    IndexMode(String option) {
        this.option = option;
    }

    /** As written in the configuration. */
    @JsonValue
    public String option() {
        return option;
    }
}
