package io.tviewstudio.tools.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How big the benchmark shop is, derived from the product count: ten products a category (so a
 * category write fans out to ten product documents and their reviews), two reviews a product, one
 * user for ten products.
 */
public record ShopSize(int products, int categories, int users, int reviews) {

    /** Fewer products would leave the 1 % bulk update empty. */
    public static final int MIN_PRODUCTS = 100;
    public static final int MAX_PRODUCTS = 10_000_000;

    private static final Pattern SCALE = Pattern.compile("(\\d+)([km]?)");

    public static ShopSize of(int products) {
        if (products < MIN_PRODUCTS || products > MAX_PRODUCTS) {
            throw new IllegalArgumentException("the shop needs " + MIN_PRODUCTS + " to " + MAX_PRODUCTS
                    + " products, not " + products);
        }
        return new ShopSize(products, products / 10, Math.max(10, products / 10), 2 * products);
    }

    /**
     * Parses a scale such as {@code 1k}, {@code 100k}, {@code 1m} or {@code 5000} (products).
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static ShopSize parse(String text) {
        Matcher m = SCALE.matcher(text.trim().toLowerCase(Locale.ROOT));
        long products = -1;
        if (m.matches() && m.group(1).length() <= 8) {
            long multiplier = switch (m.group(2)) {
                case "k" -> 1_000;
                case "m" -> 1_000_000;
                default -> 1;
            };
            products = Long.parseLong(m.group(1)) * multiplier;
        }
        if (products < MIN_PRODUCTS || products > MAX_PRODUCTS) {
            throw new IllegalArgumentException("--scale must be a product count such as 1k, 100k, 1m or 5000, between "
                    + MIN_PRODUCTS + " and 10m, not \"" + text + "\"");
        }
        return of((int) products);
    }

    /** {@code 10k}, {@code 1m} or the plain number, for labels. */
    public String label() {
        if (products % 1_000_000 == 0) {
            return products / 1_000_000 + "m";
        }
        return products % 1000 == 0 ? products / 1000 + "k" : Integer.toString(products);
    }
}
