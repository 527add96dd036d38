package io.tributary.app.config;

import java.io.StringReader;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a key path in a YAML text, so that errors point at the key itself rather than at wherever the
 * binding parser had got to.
 */
final class YamlLines {

    private YamlLines() {
    }

    /** Returns the 1-based line of the key (or list item) the path names, or -1 if it cannot be found. */
    static int lineOf(String text, List<Object> path) {
        try {
            Node node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            Node found = null;
            for (Object step : path) {
                if (node instanceof MappingNode && step instanceof String) {
                    found = null;
                    for (NodeTuple entry : ((MappingNode) node).getValue()) {
                        Node key = entry.getKeyNode();
                        if (key instanceof ScalarNode && ((ScalarNode) key).getValue().equals(step)) {
                            found = key;
                            node = entry.getValueNode();
                        }
                    }
                } else if (node instanceof SequenceNode && step instanceof Integer
                        && (Integer) step < ((SequenceNode) node).getValue().size()) {
                    node = ((SequenceNode) node).getValue().get((Integer) step);
                    found = node;
                } else {
                    return -1;
                }
                if (found == null) {
                    return -1;
                }
            }
            return found == null ? -1 : found.getStartMark().getLine() + 1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
