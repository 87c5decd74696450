// Emits LOGFLOW_COUNT log records with the OpenTelemetry JS SDK's OTLP/HTTP exporter
// (OTLP JSON) to LOGFLOW_ENDPOINT, then prints {"<message>": "<trace id>", ...} for the
// records it gave a trace context. Run by OtlpSdkEndToEndIT with the packages npm put
// next to this file; exits 1 if an export failed.
import { LoggerProvider, BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';

const endpoint = process.env.LOGFLOW_ENDPOINT;
const service = process.env.LOGFLOW_SERVICE;
const count = Number(process.env.LOGFLOW_COUNT);
const baseMillis = Number(process.env.LOGFLOW_BASE_MILLIS);
const severities = [
  [SeverityNumber.TRACE, 'TRACE'], [SeverityNumber.DEBUG2, 'DEBUG2'], [SeverityNumber.INFO, 'INFO'],
  [SeverityNumber.WARN3, 'WARN3'], [SeverityNumber.ERROR, 'ERROR'], [SeverityNumber.FATAL4, 'FATAL4'],
];

let failures = 0;
const exporter = new OTLPLogExporter({ url: endpoint });
const export_ = exporter.export.bind(exporter);
exporter.export = (logs, done) => export_(logs, (result) => {
  if (result.code !== 0) {
    failures++;
    console.error('export failed:', result.error?.message ?? result.error);
  }
  done(result);
});
const provider = new LoggerProvider({
  resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'e2e' }),
  processors: [new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 500, maxQueueSize: count,
    scheduledDelayMillis: 200 })],
});
const logger = provider.getLogger('io.logflow.e2e.checkout');
const traceIds = {};
for (let i = 0; i < count; i++) {
  const body = `${service} record ${i}`;
  const [severityNumber, severityText] = severities[i % severities.length];
  let context = ROOT_CONTEXT;
  if (i % 3 !== 0) {
    const traceId = randomBytes(16).toString('hex').replace(/^./, '1');
    traceIds[body] = traceId;
    context = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: randomBytes(8).toString('hex').replace(/^./, '1'),
      traceFlags: TraceFlags.SAMPLED });
  }
  logger.emit({ timestamp: baseMillis + i, severityNumber, severityText, body, context,
    attributes: { attempt: i } });
}
await provider.forceFlush();
await provider.shutdown();
console.log(JSON.stringify(traceIds));
process.exit(failures === 0 ? 0 : 1);
