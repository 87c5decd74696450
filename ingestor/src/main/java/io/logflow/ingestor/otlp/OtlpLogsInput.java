package io.logflow.ingestor.otlp;

import io.logflow.ingestor.IngestorMetrics;
import io.logflow.ingestor.LogAcceptor;
import io.logflow.ingestor.RequestMemory;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * OTLP/HTTP logs ({@code POST /v1/logs}) as an adapter over the one accept path: the body
 * (gzip or not, protobuf or OTLP JSON) decoded into log records, each mapped onto a raw
 * log by {@link OtlpLogMapper} with its trace id as its correlation id, the raw logs handed
 * to {@link LogAcceptor}, the verdicts turned into OTLP's answer. Knows no HTTP server:
 * the body and two headers in, an {@link OtlpAnswer} out.
 *
 * <p>Which answer: 200 once Kafka acknowledged every accepted log, with
 * {@code partial_success} counting the records rejected (invalid after mapping, too
 * large, or not taken by Kafka while others were: a client must not resend those, or the
 * accepted ones would be stored twice); 503 with Retry-After when Kafka took none; 400,
 * 413, 415 for a request no retry can mend — 400 also when every record was refused
 * (invalid, too large, a severityNumber OTLP does not have); 429 with Retry-After when
 * the ingestor's other requests hold its request memory ({@link RequestMemory}).
 */
public final class OtlpLogsInput {

    public static final String INPUT = "otlp";
    private static final int REASONS_SHOWN = 5;

    private final LogAcceptor acceptor;
    private final OtlpLogMapper mapper;
    private final IngestorMetrics metrics;
    private final int maxBodyBytes;
    private final int maxLogs;
    private final int retryAfterSeconds;

    /**
     * @param maxBodyBytes the largest body, after decompression (and the bound on all of a
     *                     request's logs written out: four times that)
     * @param maxLogs      the most log records one request may hold
     */
    public OtlpLogsInput(LogAcceptor acceptor, OtlpLogMapper mapper, IngestorMetrics metrics, int maxBodyBytes,
                         int maxLogs, int retryAfterSeconds) {
        this.acceptor = acceptor;
        this.mapper = mapper;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.maxLogs = maxLogs;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * @param correlationId the request's own correlation id, for records without a trace id
     * @throws IOException when the body stops arriving (a client gone or stalled)
     */
    /**
     * @param memory the request's share of the ingestor's request memory: its body and its
     *               logs are reserved on it as they are read and written out
     */
    public OtlpAnswer export(String contentType, String contentEncoding, InputStream body, String correlationId,
                             RequestMemory.Lease memory) throws IOException {
        OtlpEncoding encoding = OtlpEncoding.of(contentType).orElse(null);
        if (encoding == null) {
            return OtlpAnswer.failed(OtlpEncoding.JSON, 415, "Content-Type must be application/x-protobuf or"
                    + " application/json, not " + (contentType == null ? "missing" : contentType));
        }
        try {
            ExportLogsServiceRequest request = encoding.decode(read(body, contentEncoding, memory));
            LogRoom room = LogRoom.upTo(4L * maxBodyBytes).and(bytes -> reserve(memory, bytes));
            return accept(encoding, mapper.map(request, maxLogs, room), correlationId);
        } catch (MalformedOtlpException e) {
            return e.status() == 429 ? OtlpAnswer.unavailable(encoding, 429, retryAfterSeconds, e.getMessage())
                    : OtlpAnswer.failed(encoding, e.status(), e.getMessage());
        }
    }

    private static void reserve(RequestMemory.Lease memory, long bytes) throws MalformedOtlpException {
        try {
            memory.reserve(bytes);
        } catch (RequestMemory.Exhausted e) {
            throw new MalformedOtlpException(e.status(), e.getMessage());
        }
    }

    /** The body, decompressed, never more than the limit in memory. */
    private byte[] read(InputStream body, String contentEncoding, RequestMemory.Lease memory)
            throws IOException, MalformedOtlpException {
        String coding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (!coding.equals("gzip") && !coding.equals("identity") && !coding.isEmpty()) {
            throw new MalformedOtlpException(415, "Content-Encoding " + contentEncoding + " is not supported; use gzip");
        }
        byte[] bytes;
        try (InputStream in = memory.reading(coding.equals("gzip") ? new GZIPInputStream(body) : body)) {
            bytes = in.readNBytes(maxBodyBytes + 1);
        } catch (ZipException | EOFException e) {
            throw new MalformedOtlpException(400, "the gzip body is corrupt: " + e.getMessage());
        } catch (RequestMemory.Exhausted e) {
            throw new MalformedOtlpException(e.status(), e.getMessage());
        }
        if (bytes.length > maxBodyBytes) {
            throw new MalformedOtlpException(413, "the body exceeds " + maxBodyBytes + " bytes"
                    + (coding.equals("gzip") ? " once decompressed" : ""));
        }
        metrics.requestBytes(bytes.length);
        reserve(memory, bytes.length); // the request decoded beside its body
        return bytes;
    }

    private OtlpAnswer accept(OtlpEncoding encoding, List<OtlpLogMapper.MappedLog> logs, String correlationId) {
        metrics.received(INPUT, logs.size());
        List<byte[]> rawLogs = new ArrayList<>(logs.size());
        List<String> correlationIds = new ArrayList<>(logs.size());
        StringJoiner reasons = new StringJoiner("; ");
        int refused = 0;
        for (int position = 0; position < logs.size(); position++) {
            OtlpLogMapper.MappedLog log = logs.get(position);
            if (log.rawLog() == null) {
                refused++;
                addReason(reasons, refused, position, log.refusal());
                continue;
            }
            rawLogs.add(log.rawLog());
            correlationIds.add(log.traceId() != null ? log.traceId() : correlationId);
        }
        metrics.rejected(refused);
        List<LogAcceptor.Verdict> verdicts = rawLogs.isEmpty() ? List.of() : acceptor.accept(rawLogs, null, correlationIds);
        Tally tally = tally(verdicts, logs, refused, reasons);
        int accepted = tally.accepted();
        int invalid = tally.invalid();
        String unavailable = tally.unavailable();
        int notTaken = rawLogs.size() - accepted - invalid;
        if (notTaken > 0 && accepted == 0) {
            return OtlpAnswer.unavailable(encoding, retryAfterSeconds, "no log record was taken: " + unavailable);
        }
        if (notTaken > 0) {
            reasons.add(notTaken + " log records were not taken by Kafka (" + unavailable + ")");
        }
        int rejected = refused + invalid + notTaken;
        String reason = rejected + " of " + logs.size() + " log records rejected: " + reasons
                + (refused + invalid > REASONS_SHOWN ? "; ..." : "");
        if (!logs.isEmpty() && refused + invalid == logs.size()) {
            // nothing a retry could mend and nothing taken: OTLP's 400 for data "otherwise invalid"
            return OtlpAnswer.failed(encoding, 400, reason);
        }
        return OtlpAnswer.exported(encoding, rejected, rejected == 0 ? "" : reason);
    }

    /** What the accept path made of the mapped records; the reasons of the invalid ones added. */
    private record Tally(int accepted, int invalid, String unavailable) {}

    private static Tally tally(List<LogAcceptor.Verdict> verdicts, List<OtlpLogMapper.MappedLog> logs, int refused,
                               StringJoiner reasons) {
        int accepted = 0;
        int invalid = 0;
        String unavailable = null;
        int position = -1;
        for (LogAcceptor.Verdict verdict : verdicts) {
            position = nextMapped(logs, position);
            if (verdict.accepted()) {
                accepted++;
            } else if (verdict.rejected()) {
                invalid++;
                addReason(reasons, refused + invalid, position, verdict.errors().stream()
                        .map(error -> error.field() + ": " + error.message()).reduce((a, b) -> a + ", " + b).orElse(""));
            } else {
                unavailable = verdict.unavailable();
            }
        }
        return new Tally(accepted, invalid, unavailable);
    }

    private static int nextMapped(List<OtlpLogMapper.MappedLog> logs, int after) {
        int position = after + 1;
        while (logs.get(position).rawLog() == null) {
            position++;
        }
        return position;
    }

    private static void addReason(StringJoiner reasons, int count, int position, String reason) {
        if (count <= REASONS_SHOWN) {
            reasons.add("log record " + position + ": " + reason);
        }
    }
}
