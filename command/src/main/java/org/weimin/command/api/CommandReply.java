package org.weimin.command.api;

/**
 * Reply to an accepted command: the case and the sequence number of the last event it appended. Read models show
 * their own sequence, so a client can wait until they have caught up with its command.
 */
public record CommandReply(String caseId, String trackingNumber, long sequence) {
}
