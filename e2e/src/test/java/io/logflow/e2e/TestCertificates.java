package io.logflow.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate it signed for 127.0.0.1 and localhost,
 * made with the JDK's keytool for one test: the authority as a PEM file (what a client
 * trusts), the server's key and certificate chain in a PKCS12 keystore (what a server
 * presents). Nothing here is valid for more than two days.
 */
record TestCertificates(Path caPem, Path serverKeystore, String keystorePassword) {

    static TestCertificates create(Path dir, String keystorePassword) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path server = dir.resolve("server.p12");
        Path request = dir.resolve("server.csr");
        Path signed = dir.resolve("server.pem");
        keytool(keystorePassword, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=LogFlow test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool(keystorePassword, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
                "-file", caPem.toString());
        keytool(keystorePassword, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-validity", "2", "-keystore", server.toString());
        keytool(keystorePassword, "-certreq", "-alias", "server", "-keystore", server.toString(),
                "-file", request.toString());
        keytool(keystorePassword, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-rfc",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth", "-validity", "2",
                "-infile", request.toString(), "-outfile", signed.toString());
        keytool(keystorePassword, "-importcert", "-noprompt", "-alias", "ca", "-keystore", server.toString(),
                "-file", caPem.toString());
        keytool(keystorePassword, "-importcert", "-alias", "server", "-keystore", server.toString(),
                "-file", signed.toString());
        return new TestCertificates(caPem, server, keystorePassword);
    }

    private static void keytool(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", password));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output.strip());
        }
    }
}
