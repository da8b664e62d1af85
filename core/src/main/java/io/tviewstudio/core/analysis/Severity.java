package io.tviewstudio.core.analysis;

/** How bad a finding is: an ERROR is what the runtime refuses; a WARNING is accepted but likely wrong. */
public enum Severity {
    ERROR, WARNING, INFO
}
