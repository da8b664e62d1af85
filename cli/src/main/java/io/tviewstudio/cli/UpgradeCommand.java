package io.tviewstudio.cli;

import picocli.CommandLine.Command;

import java.util.Optional;

@Command(name = "upgrade-runtime",
        header = "Upgrade (or re-install) the installed TVIEW runtime in place, keeping every TVIEW.",
        description = {"Upgrade (or re-install) the installed TVIEW runtime in place, keeping every TVIEW, in one transaction.",
                "Exit code 5 when no runtime is installed (use install-runtime). --dry-run shows what would change."})
final class UpgradeCommand extends InstallCommand {

    @Override
    void checkInstalled(Optional<String> installed, Session session) {
        if (installed.isEmpty()) {
            throw new CliException(new CliFailure(ExitCode.RUNTIME_MISSING, "runtime_not_installed", null,
                    "the TVIEW runtime is not installed in database \"" + session.target().database() + "\"; nothing to upgrade",
                    "Install it with: tviews install-runtime"));
        }
    }
}
