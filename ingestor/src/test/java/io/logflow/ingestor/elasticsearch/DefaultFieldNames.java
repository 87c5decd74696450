package io.logflow.ingestor.elasticsearch;

import io.logflow.core.config.ConfigLoader;
import java.util.Map;

/** The field names of {@code ingestor.fields} as logflow-defaults.yaml has them, for tests. */
public final class DefaultFieldNames {

    public static final FieldNames DEFAULTS = FieldNames.of(ConfigLoader.defaultsWith(Map.of()).ingestor().fields());

    private DefaultFieldNames() {}
}
