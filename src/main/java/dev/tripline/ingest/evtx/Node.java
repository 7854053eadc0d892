package dev.tripline.ingest.evtx;

import java.util.ArrayList;
import java.util.List;

/**
 * BinXML as a tree, before substitution: what a template definition or a record body says. Templates are parsed
 * once per chunk and instantiated for every record that uses them.
 */
sealed interface Node {

    /** An element; attribute values and content are lists of {@link Text}, {@link Substitution}, … */
    final class Element implements Node {
        final String name;
        final List<Attribute> attributes = new ArrayList<>(2);
        final List<Node> content = new ArrayList<>(2);

        Element(String name) { this.name = name; }
    }

    final class Attribute {
        final String name;
        final List<Node> value = new ArrayList<>(1);

        Attribute(String name) { this.name = name; }
    }

    /** Literal text: value text, character and entity references, CDATA. */
    record Text(String text) implements Node {}

    /** A placeholder for the instance's value {@code index}; {@code optional} ones vanish when the value is null. */
    record Substitution(int index, int type, boolean optional) implements Node {}

    /** A template with its values: a record body, or a BinXML value nested in a substitution. */
    record TemplateInstance(Template template, Object[] values) implements Node {}

    /** A parsed template definition: its top-level nodes (normally one element). */
    record Template(int offset, List<Node> nodes) {}
}
