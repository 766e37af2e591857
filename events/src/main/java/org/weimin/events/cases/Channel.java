package org.weimin.events.cases;

/** How a case reached the service (受理渠道). Every case is still received at a window by a staff member. */
public enum Channel {
    WINDOW, PHONE, ONLINE, HOTLINE
}
