package io.logflow.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.ingestor.door.IngestAuthenticator;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the console, and from where. With API keys configured anywhere, every API
 * request needs an admin key of {@code console.admin_keys_file} (a keys file of the
 * ingestor's format): in the {@code Authorization} header, or once at {@code POST
 * /api/login}, which gives the browser an HttpOnly, SameSite=Strict session cookie. Every
 * request that changes something must carry {@value #CSRF_HEADER} (a page of another site
 * cannot send a custom header without a CORS preflight the console never answers) and, when
 * the browser names its {@code Origin}, come from the console's own.
 */
final class ConsoleAccess {

    static final String CSRF_HEADER = "X-LogFlow-Console";
    static final String SESSION_COOKIE = "logflow_console_session";
    static final Duration SESSION_LIFE = Duration.ofHours(12);

    private final IngestAuthenticator admins;
    private final String lockedReason;
    private final boolean tls;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private record Session(String keyId, long expiresAtMillis) {}

    ConsoleAccess(LogFlowConfig config) {
        String adminKeys = config.console().adminKeysFile();
        this.admins = adminKeys.isEmpty() ? null : new IngestAuthenticator(Path.of(adminKeys), Duration.ofSeconds(1),
                System::nanoTime);
        this.lockedReason = adminKeys.isEmpty() && !config.ingestor().apiKeysFile().isEmpty()
                ? "the console is locked: API keys are required (ingestor.api_keys_file) but no console admin key is set;"
                + " create one with 'logflow keys --file console-admins.json create --id NAME' and set"
                + " console.admin_keys_file" : null;
        this.tls = config.http().tls().enabled();
    }

    boolean required() {
        return admins != null || lockedReason != null;
    }

    /** Before every API request: refuses (by throwing) what may not pass. */
    void guard(Context ctx) {
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
            checkSameSite(ctx);
        }
        if (ctx.path().equals("/api/session") || ctx.path().equals("/api/login") || !required()) {
            return;
        }
        if (lockedReason != null) {
            throw new BadRequest(403, "console", lockedReason);
        }
        if (signedIn(ctx).isEmpty()) {
            String header = ctx.header("Authorization");
            if (!(admins.check(header) instanceof IngestAuthenticator.Allowed)) {
                throw new BadRequest(401, "authorization", "sign in with a console admin key");
            }
        }
    }

    /** Checks the key in {@code Authorization} and starts a session; returns the key's id. */
    String logIn(Context ctx) {
        if (lockedReason != null) {
            throw new BadRequest(403, "console", lockedReason);
        }
        if (admins == null) {
            return "anyone (no keys configured)";
        }
        IngestAuthenticator.Decision decision = admins.check(ctx.header("Authorization"));
        if (decision instanceof IngestAuthenticator.Refused refused) {
            throw new BadRequest(401, "authorization", refused.message());
        }
        String keyId = ((IngestAuthenticator.Allowed) decision).key().id();
        byte[] token = new byte[32];
        random.nextBytes(token);
        String session = HexFormat.of().formatHex(token);
        long now = System.currentTimeMillis();
        sessions.values().removeIf(expired -> expired.expiresAtMillis() < now);
        sessions.put(session, new Session(keyId, now + SESSION_LIFE.toMillis()));
        Cookie cookie = new Cookie(SESSION_COOKIE, session, "/", (int) SESSION_LIFE.toSeconds(), tls);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        ctx.cookie(cookie);
        return keyId;
    }

    void logOut(Context ctx) {
        String session = ctx.cookie(SESSION_COOKIE);
        if (session != null) {
            sessions.remove(session);
        }
        ctx.removeCookie(SESSION_COOKIE, "/");
    }

    /** The admin key's id of this browser's session, if it has a live one. */
    Optional<String> signedIn(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        Session session = token == null ? null : sessions.get(token);
        if (session == null || session.expiresAtMillis() < System.currentTimeMillis()) {
            return Optional.empty();
        }
        return Optional.of(session.keyId());
    }

    String lockedReason() {
        return lockedReason;
    }

    private static void checkSameSite(Context ctx) {
        if (!"1".equals(ctx.header(CSRF_HEADER))) {
            throw new BadRequest(403, "csrf", "a request that changes something must carry the header "
                    + CSRF_HEADER + ": 1 (the console's page sends it)");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, ctx.header("Host"))) {
            throw new BadRequest(403, "origin", "requests from " + origin + " are not the console's own");
        }
    }

    static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && (authority.equalsIgnoreCase(host) || uri.getAuthority().equalsIgnoreCase(host));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
