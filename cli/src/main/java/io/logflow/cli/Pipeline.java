package io.logflow.cli;

import io.logflow.console.ConsoleServer;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.ingestor.IngestorStage;
import io.logflow.parser.ParserStage;
import io.logflow.storagewriter.StorageWriterStage;
import java.util.Map;

/** The three stages of one pipeline in one process, closed from the door inwards. */
public record Pipeline(IngestorStage ingestor, ParserStage parser, StorageWriterStage storageWriter)
        implements AutoCloseable {

    public static Pipeline start(LogFlowConfig config) {
        StorageWriterStage storageWriter = StorageWriterStage.start(config);
        ParserStage parser = ParserStage.start(config);
        IngestorStage ingestor = IngestorStage.start(config);
        return new Pipeline(ingestor, parser, storageWriter);
    }

    /** Each stage's base URL, as the console reaches its {@code /health}. */
    public Map<String, String> addresses(LogFlowConfig config) {
        return ConsoleServer.stages(config, ingestor.port(), parser.port(), storageWriter.port());
    }

    @Override
    public void close() throws Exception {
        ingestor.close();
        parser.close();
        storageWriter.close();
    }
}
