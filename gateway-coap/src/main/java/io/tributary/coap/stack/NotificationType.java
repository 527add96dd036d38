package io.tributary.coap.stack;

/** The message type a server sends notifications in (RFC 7641 §4.5). */
public enum NotificationType {
    /** CON notifications for a CON registration, NON for a NON one, with a CON check now and then. */
    FOLLOW_REGISTRATION,
    /** Every notification is CON. */
    CONFIRMABLE,
    /** NON notifications, with a CON check now and then. */
    NON_CONFIRMABLE
}
