package io.logflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user Elasticsearch runs as: this one, or {@code nobody} when this one is root
 * (Elasticsearch refuses root). That user must own the node's directories and be able
 * to reach them.
 */
record ServiceUser(String user, String group) {

    private static final ServiceUser SELF = new ServiceUser(null, null);
    private static final ServiceUser NOBODY = new ServiceUser("nobody", "nogroup");

    static ServiceUser current() {
        return "root".equals(System.getProperty("user.name")) ? NOBODY : SELF;
    }

    /** The command prefix that runs a program as this user. */
    List<String> runAs() {
        if (user == null) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups", "--");
    }

    void takeOwnership(Path dir) throws IOException {
        if (user == null) {
            return;
        }
        requireReachable(dir);
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        var owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                attributes.setOwner(owner);
                attributes.setGroup(ownerGroup);
            }
        }
    }

    /** Every directory above must let others through, or Elasticsearch cannot open its own files. */
    private void requireReachable(Path dir) throws IOException {
        for (Path parent = dir.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            var permissions = Files.getPosixFilePermissions(parent);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new DevStackException("Elasticsearch runs as '" + user + "' (it refuses root), and '" + user
                        + "' cannot enter " + parent + " (permissions " + PosixFilePermissions.toString(permissions) + "); choose a data directory "
                        + "under a directory others can enter, e.g. --data-dir /var/lib/logflow, or run 'chmod o+x "
                        + parent + "'");
            }
        }
    }
}
