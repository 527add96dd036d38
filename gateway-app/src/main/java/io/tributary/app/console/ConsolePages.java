package io.tributary.app.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's pages: one layout ({@code console/layout.html}: head, navigation, sign-in dialog) around each page's
 * own content ({@code console/pages/<page>.html}), so the pages share every line they have in common.
 */
final class ConsolePages {

    /** Page name to title, in the navigation's order. */
    private static final Map<String, String> TITLES = titles();

    private ConsolePages() {
    }

    private static Map<String, String> titles() {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("topics", "Topics");
        titles.put("pnp", "PnP devices");
        titles.put("upnp", "UPnP");
        titles.put("coap", "CoAP");
        titles.put("charts", "Rates");
        return titles;
    }

    /**
     * @param page a page name from the request path
     * @return whether the console has that page
     */
    static boolean exists(String page) {
        return TITLES.containsKey(page);
    }

    /**
     * Renders one page; done once per page, the result is cached with the static files.
     *
     * @param page a page name for which {@link #exists(String)} holds
     * @param read reads a class-path resource as text
     * @return the whole HTML document
     */
    static String render(String page, ResourceText read) {
        StringBuilder nav = new StringBuilder();
        TITLES.forEach((name, title) -> nav.append("    <a href=\"/ui/").append(name).append('"')
                .append(name.equals(page) ? " aria-current=\"page\"" : "").append('>').append(title).append("</a>\n"));
        return read.text("console/layout.html")
                .replace("{{title}}", TITLES.get(page))
                .replace("{{nav}}", nav)
                .replace("{{main}}", read.text("console/pages/" + page + ".html"));
    }

    /** Reads a class-path resource as UTF-8 text. */
    @FunctionalInterface
    interface ResourceText {

        /**
         * @param resource the class-path resource
         * @return its text
         */
        String text(String resource);
    }
}
