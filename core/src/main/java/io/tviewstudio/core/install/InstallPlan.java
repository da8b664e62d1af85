package io.tviewstudio.core.install;

import io.tviewstudio.core.catalog.SchemaObjects.SchemaObject;

import java.util.List;

/**
 * What installing the shipped runtime would do to a database, found by a dry run.
 *
 * @param installedVersion the version installed now, null when none is
 * @param shippedVersion   the version the installer installs
 * @param action           {@code install}, {@code re-install} or {@code upgrade from <version>}
 * @param created          objects the install would create
 * @param changed          existing objects whose definition it would replace
 * @param dropped          objects it would drop
 */
public record InstallPlan(String installedVersion, String shippedVersion, String action, List<SchemaObject> created,
                          List<SchemaObject> changed, List<SchemaObject> dropped) {

    public InstallPlan {
        created = List.copyOf(created);
        changed = List.copyOf(changed);
        dropped = List.copyOf(dropped);
    }

    /** Whether the install would change nothing (the same version is installed and intact). */
    public boolean changesNothing() {
        return created.isEmpty() && changed.isEmpty() && dropped.isEmpty();
    }
}
