package io.tviewstudio.app.demo;

import io.tviewstudio.tools.demo.DemoProgress;

/** Opens the demo database; {@link DemoSession#start} in the application, a stand-in in some tests. */
@FunctionalInterface
public interface DemoOpener {

    DemoSession open(DemoProgress progress) throws Exception;
}
