package io.tviewstudio.core.analysis;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** PostgreSQL type names as {@code format_type} prints them, and what the analyzer knows of built-in functions. */
final class Types {

    static final String UNKNOWN = "unknown";
    static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("bool", "boolean"), Map.entry("varchar", "character varying"), Map.entry("decimal", "numeric"),
            Map.entry("float8", "double precision"), Map.entry("float", "double precision"), Map.entry("float4", "real"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("char", "character"), Map.entry("bpchar", "character"));

    /** Return types of common built-in functions whose result type does not depend on their arguments. */
    private static final Map<String, String> RETURNS = Map.ofEntries(
            Map.entry("jsonb_build_object", "jsonb"), Map.entry("jsonb_build_array", "jsonb"),
            Map.entry("jsonb_agg", "jsonb"), Map.entry("jsonb_object_agg", "jsonb"), Map.entry("to_jsonb", "jsonb"),
            Map.entry("jsonb_strip_nulls", "jsonb"), Map.entry("jsonb_set", "jsonb"), Map.entry("jsonb_object", "jsonb"),
            Map.entry("json_build_object", "json"), Map.entry("json_build_array", "json"), Map.entry("json_agg", "json"),
            Map.entry("json_object_agg", "json"), Map.entry("to_json", "json"), Map.entry("row_to_json", "json"),
            Map.entry("array_to_json", "json"), Map.entry("count", "bigint"), Map.entry("row_number", "bigint"),
            Map.entry("rank", "bigint"), Map.entry("dense_rank", "bigint"), Map.entry("gen_random_uuid", "uuid"),
            Map.entry("lower", "text"), Map.entry("upper", "text"), Map.entry("concat", "text"),
            Map.entry("concat_ws", "text"), Map.entry("format", "text"), Map.entry("string_agg", "text"),
            Map.entry("length", "integer"), Map.entry("now", "timestamp with time zone"));

    private Types() {
    }

    /** The canonical name of a type as written in SQL ({@code int4} and {@code int} are {@code integer}). */
    static String normalize(String written) {
        String type = written.trim().toLowerCase(Locale.ROOT).replaceAll("\\s*\\(.*\\)", "");
        if (type.startsWith("\"") && type.endsWith("\"")) {
            type = type.substring(1, type.length() - 1);
        }
        type = type.substring(type.lastIndexOf('.') + 1);
        String array = "";
        while (type.endsWith("[]")) {
            array += "[]";
            type = type.substring(0, type.length() - 2).trim();
        }
        return ALIASES.getOrDefault(type, type) + array;
    }

    static String builtinReturnType(String function) {
        return RETURNS.get(function);
    }

    /** A parameter type that accepts any argument (polymorphic), e.g. anyelement or "any". */
    static boolean isPolymorphic(String parameterType) {
        String type = parameterType.replace("\"", "");
        return type.startsWith("any");
    }

    /** The type of a result column: a literal of unknown type becomes text in a view. */
    static String resultType(String inferred) {
        return UNKNOWN.equals(inferred) ? "text" : inferred;
    }
}
