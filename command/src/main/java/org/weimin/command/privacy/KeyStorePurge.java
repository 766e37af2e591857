package org.weimin.command.privacy;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.weimin.command.cases.CaseDirectory;
import org.weimin.events.cases.ApplicantDataErased;
import org.weimin.events.privacy.PersonalDataVault;

/**
 * Destroys the data key when an erasure is recorded (issue 7: the key store is purged by the erasure's events). It
 * runs in the case directory's subscribing group, inside the transaction that appends the event, and its errors roll
 * that transaction back: the record of the erasure and the destruction of the key commit together or not at all.
 * The first case of an applicant destroys the key; the others find it erased already.
 */
@Component
@ProcessingGroup(CaseDirectory.PROCESSING_GROUP)
public class KeyStorePurge {
    private final PersonalDataVault vault;

    public KeyStorePurge(PersonalDataVault vault) {
        this.vault = vault;
    }

    @EventHandler
    void on(ApplicantDataErased event) {
        vault.erase(event.applicantKeyId());
    }
}
