package org.weimin.events.cases;

/** How the applicant was told something (告知方式). */
public enum NotificationChannel {
    IN_PERSON, PHONE, SMS, LETTER, ONLINE
}
