# Sourced by the scripts at the top level: selects a JDK 21 or newer for Maven.
# The machine's default JDK may be 17; TestFX's headless platform needs 21+.
tviews_pick_jdk() {
    local candidate
    if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
        return 0
    fi
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/java-2[1-9]-openjdk* /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/javac" ] && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "TVIEW Studio needs a JDK 21 or newer (set JAVA_HOME); none found under /usr/lib/jvm." >&2
    return 1
}
tviews_pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
