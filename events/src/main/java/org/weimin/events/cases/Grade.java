package org.weimin.events.cases;

/**
 * The five evaluation grades (好差评, rules.md "Completion, evaluation, rectification, reopening"): the first three
 * are good, the last two bad.
 */
public enum Grade {
    VERY_SATISFIED("非常满意", true),
    SATISFIED("满意", true),
    BASICALLY_SATISFIED("基本满意", true),
    DISSATISFIED("不满意", false),
    VERY_DISSATISFIED("非常不满意", false);

    private final String chineseName;
    private final boolean good;

    Grade(String chineseName, boolean good) {
        this.chineseName = chineseName;
        this.good = good;
    }

    public String chineseName() {
        return chineseName;
    }

    /** Good grades count towards the satisfaction rate; a bad grade opens a rectification. */
    public boolean isGood() {
        return good;
    }
}
