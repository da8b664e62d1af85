package io.tviewstudio.core.analysis.schema;

import java.util.List;

/**
 * One function overload.
 *
 * @param argTypes   the declared argument types (format_type text; polymorphic types start with {@code any})
 * @param volatility {@code i}, {@code s} or {@code v} as in {@code pg_proc.provolatile}
 * @param variadic   whether the last argument is VARIADIC
 * @param returnsSet whether it is a set-returning function
 */
public record FunctionInfo(String name, List<String> argTypes, String returnType, char volatility, boolean variadic,
                           boolean returnsSet) {

    public FunctionInfo {
        argTypes = List.copyOf(argTypes);
    }

    public boolean isVolatile() {
        return volatility == 'v';
    }

    /** Whether the overload takes this many arguments. */
    public boolean accepts(int argumentCount) {
        return variadic ? argumentCount >= argTypes.size() - 1 : argumentCount == argTypes.size();
    }
}
