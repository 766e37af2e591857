package org.weimin.command.cases;

import java.util.List;
import java.util.Set;
import org.weimin.events.cases.NoticeItem;

/**
 * Rule (rules.md "One-time notice and the paused clock"; 一次性告知制): the first notice of a handling round lists
 * everything missing. A later notice asking again for a listed item is no breach (the supplement was defective); one
 * asking for an item that no earlier notice of the round listed is accepted and recorded as a breach.
 */
public final class OneTimeNoticeRule {
    private OneTimeNoticeRule() {
    }

    /**
     * The items of a later notice that no earlier notice listed.
     *
     * @param listedBefore identities ({@link NoticeItem#identity()}) of every item listed so far in the round
     * @return empty for no breach; always empty for the round's first notice (when nothing was listed before)
     */
    public static List<NoticeItem> unlistedItems(Set<String> listedBefore, List<NoticeItem> notice) {
        if (listedBefore.isEmpty()) {
            return List.of();
        }
        return notice.stream().filter(item -> !listedBefore.contains(item.identity())).toList();
    }
}
