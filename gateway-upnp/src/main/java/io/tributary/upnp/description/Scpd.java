package io.tributary.upnp.description;

import java.util.List;
import java.util.Objects;

/**
 * A service control protocol description (UDA 2.0 §2.5): the actions a service offers and its state variables.
 *
 * @param actions the actions, in document order
 * @param variables the state variables, in document order
 */
public record Scpd(List<Action> actions, List<StateVariable> variables) {

    /** The UDA data types a state variable may have (UDA 2.0 §2.5, {@code dataType}). */
    public static final List<String> DATA_TYPES = List.of("ui1", "ui2", "ui4", "ui8", "i1", "i2", "i4", "i8", "int",
            "r4", "r8", "number", "fixed.14.4", "float", "char", "string", "date", "dateTime", "dateTime.tz", "time",
            "time.tz", "boolean", "bin.base64", "bin.hex", "uri", "uuid");

    /**
     * Copies the lists.
     *
     * @param actions the actions
     * @param variables the state variables
     */
    public Scpd {
        actions = List.copyOf(actions);
        variables = List.copyOf(variables);
    }

    /**
     * One action.
     *
     * @param name its name, e.g. {@code GetValue}
     * @param arguments its arguments, in arguments are listed before out arguments
     */
    public record Action(String name, List<Argument> arguments) {

        /**
         * Copies the list.
         *
         * @param name the name
         * @param arguments the arguments
         */
        public Action {
            Objects.requireNonNull(name, "name");
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * One argument of an action.
     *
     * @param name its name, e.g. {@code Topic}
     * @param out whether it is an out argument
     * @param relatedStateVariable the state variable giving its type, e.g. {@code A_ARG_TYPE_Topic}
     */
    public record Argument(String name, boolean out, String relatedStateVariable) {

        /**
         * @param name the name
         * @param relatedStateVariable the related state variable
         * @return an in argument
         */
        public static Argument in(String name, String relatedStateVariable) {
            return new Argument(name, false, relatedStateVariable);
        }

        /**
         * @param name the name
         * @param relatedStateVariable the related state variable
         * @return an out argument
         */
        public static Argument out(String name, String relatedStateVariable) {
            return new Argument(name, true, relatedStateVariable);
        }
    }

    /**
     * One state variable.
     *
     * @param name its name
     * @param dataType one of {@link #DATA_TYPES}
     * @param sendEvents whether it is evented ({@code sendEvents="yes"})
     * @param multicast whether it is also evented by multicast ({@code multicast="yes"}, UDA 2.0 §4.3.3)
     */
    public record StateVariable(String name, String dataType, boolean sendEvents, boolean multicast) {

        /**
         * Checks the data type.
         *
         * @param name the name
         * @param dataType the data type
         * @param sendEvents whether evented
         * @param multicast whether multicast
         */
        public StateVariable {
            Objects.requireNonNull(name, "name");
            if (!DATA_TYPES.contains(dataType)) {
                throw new IllegalArgumentException("'" + dataType + "' is not a UPnP data type (one of "
                        + String.join(", ", DATA_TYPES) + ")");
            }
        }

        /**
         * @param name the name
         * @return an evented string variable
         */
        public static StateVariable evented(String name) {
            return new StateVariable(name, "string", true, false);
        }

        /**
         * @param name the name
         * @param dataType the data type
         * @return a variable that only types action arguments ({@code sendEvents="no"})
         */
        public static StateVariable argumentType(String name, String dataType) {
            return new StateVariable(name, dataType, false, false);
        }
    }
}
