package io.logflow.cli;

import io.logflow.ingestor.door.ApiKey;
import io.logflow.ingestor.door.ApiKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code logflow keys}: the ingestor's API keys. A key's secret is made here, printed
 * once, and never written: the file holds its SHA-256. A running ingestor sees a change
 * within a second or two.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, list and revoke the API keys the ingestor asks for (ingestor.api_keys_file).")
final class KeysCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--file", paramLabel = "FILE",
            description = "the keys file (default: ingestor.api_keys_file of the configuration)")
    Path file;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a key with a random 256-bit secret; print the secret once (on standard output).")
    int create(@Option(names = "--id", required = true, paramLabel = "NAME",
                       description = "the key's name: letters, digits, . _ -; it is stored with every log sent with it")
               String id,
               @Option(names = "--service", paramLabel = "SERVICE",
                       description = "a service its logs may name (repeatable; default: any)")
               List<String> services,
               @Option(names = "--rate", paramLabel = "N", defaultValue = "0",
                       description = "at most N requests a second (429 beyond; default: no limit)")
               double rate) throws IOException {
        if (!ApiKeyFile.ID.matcher(id).matches()) {
            throw new ParameterException(spec.commandLine(), "--id: letters, digits, . _ - only, at most 64");
        }
        Path keysFile = keysFile();
        List<ApiKey> keys = new ArrayList<>(ApiKeyFile.read(keysFile));
        if (keys.stream().anyMatch(key -> key.id().equals(id))) {
            throw new ParameterException(spec.commandLine(), "a key '" + id + "' exists already in " + keysFile
                    + "; revoke it first to replace it");
        }
        String secret = ApiKeyFile.newSecret();
        keys.add(new ApiKey(id, ApiKeyFile.sha256(secret), services, rate));
        ApiKeyFile.write(keysFile, keys);
        spec.commandLine().getOut().println(secret);
        spec.commandLine().getErr().printf("API key '%s' written to %s. Its secret, above, is shown only now.%n"
                + "Send it as 'Authorization: Bearer SECRET', or as ApiKey or Basic with base64(%s:SECRET).%n",
                id, keysFile, id);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The keys: id, services, rate (never a secret).")
    int list() throws IOException {
        for (ApiKey key : ApiKeyFile.read(keysFile())) {
            spec.commandLine().getOut().printf("%-24s services=%s rate=%s%n", key.id(),
                    key.services().isEmpty() ? "any" : String.join(",", key.services()),
                    key.requestsPerSecond() > 0 ? key.requestsPerSecond() + "/s" : "unlimited");
        }
        return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Remove a key: the ingestor refuses it within seconds.")
    int revoke(@Parameters(paramLabel = "NAME", description = "the key's id") String id) throws IOException {
        Path keysFile = keysFile();
        List<ApiKey> keys = new ArrayList<>(ApiKeyFile.read(keysFile));
        if (!keys.removeIf(key -> key.id().equals(id))) {
            throw new ParameterException(spec.commandLine(), "no key '" + id + "' in " + keysFile);
        }
        ApiKeyFile.write(keysFile, keys);
        spec.commandLine().getErr().printf("API key '%s' revoked.%n", id);
        return 0;
    }

    private Path keysFile() {
        if (file != null) {
            return file;
        }
        String configured = config.load().ingestor().apiKeysFile();
        if (configured.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "name the keys file: --file FILE, or ingestor.api_keys_file in --config or INGESTOR_API_KEYS_FILE");
        }
        return Path.of(configured);
    }
}
