package dev.capydb.authsync.internal.mirroring;

import java.io.IOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The library's class loader as its Flyway sees it: blind to {@code db/callback}, so that an
 * application's own Flyway callbacks there never run for the library's migrations. Flyway scans that
 * location for Java callbacks whatever it is configured with, with the class loader it is given, and
 * in a web application that loader also sees the application's classes.
 *
 * <p>It also finds a folder inside a JAR by the empty {@code flyway.location} file each migration
 * folder holds, where the server's class loader resolves files but no folders (Open Liberty): Flyway
 * itself does so only for a class loader of WebSphere's, which this one is not.
 */
final class MigrationClassLoader extends ClassLoader {

    /** Where Flyway looks for Java callbacks on every start. */
    private static final String CALLBACKS = "db/callback";
    private static final String FOLDER_MARKER = "/flyway.location";

    MigrationClassLoader(ClassLoader library) {
        super(library);
    }

    @Override
    public URL getResource(String name) {
        return isCallbacks(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isCallbacks(name)) {
            return Collections.emptyEnumeration();
        }
        Enumeration<URL> found = super.getResources(name);
        if (found.hasMoreElements() || name.endsWith(FOLDER_MARKER)) {
            return found;
        }
        List<URL> folders = new ArrayList<>();
        for (URL marker : Collections.list(super.getResources(name + FOLDER_MARKER))) {
            // As Flyway turns a marker into its folder for WebSphere's class loaders.
            String folder = URLDecoder.decode(marker.toExternalForm(), StandardCharsets.UTF_8);
            folders.add(new URL(folder.substring(0, folder.length() - FOLDER_MARKER.length())));
        }
        return Collections.enumeration(folders);
    }

    private static boolean isCallbacks(String name) {
        return name.equals(CALLBACKS) || name.startsWith(CALLBACKS + "/");
    }
}
