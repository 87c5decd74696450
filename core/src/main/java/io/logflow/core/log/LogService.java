package io.logflow.core.log;

/** The rule for a log's service: letters, digits, '-' and '_'; missing or empty, it is {@code unknown}. */
public final class LogService {

    public static final String UNKNOWN = "unknown";

    private LogService() {}

    public static boolean isMissing(String service) {
        return service == null || service.isEmpty();
    }

    /** What is wrong with a service, or null if nothing is. */
    public static String problem(String service) {
        if (isMissing(service)) {
            return null;
        }
        for (int i = 0; i < service.length(); i++) {
            char c = service.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return "service may contain only letters, digits, '-' and '_'";
            }
        }
        return null;
    }
}
