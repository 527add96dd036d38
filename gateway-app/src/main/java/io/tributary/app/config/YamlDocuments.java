package io.tributary.app.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import io.tributary.core.config.ConfigNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML text into {@link ConfigNode} trees with the line of every key and value, keeping duplicate keys so
 * that the binder reports them. Only composes nodes: no object is constructed from the document, so no YAML tag
 * can instantiate a class.
 */
final class YamlDocuments {

    private YamlDocuments() {
    }

    /**
     * @param text the YAML text
     * @param source its name in messages, e.g. the file name
     * @return the document; an empty document is a NULL node
     * @throws ConfigException naming the line of a syntax error
     */
    static ConfigNode parse(String text, String source) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            return root == null ? ConfigNode.empty(source, 1) : convert(root, source);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + " line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1);
            throw new ConfigException(where + ": invalid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": invalid YAML: " + e.getMessage());
        }
    }

    private static ConfigNode convert(Node node, String source) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? ConfigNode.empty(source, line)
                    : ConfigNode.scalar(scalar.getValue(), source, line);
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, source));
            }
            return ConfigNode.list(items, source, line);
        }
        MappingNode mapping = (MappingNode) node;
        List<ConfigNode.Entry> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String name = key instanceof ScalarNode scalarKey ? scalarKey.getValue() : String.valueOf(key);
            entries.add(new ConfigNode.Entry(name, convert(tuple.getValueNode(), source),
                    key.getStartMark() == null ? line : key.getStartMark().getLine() + 1));
        }
        return ConfigNode.map(entries, source, line);
    }
}
