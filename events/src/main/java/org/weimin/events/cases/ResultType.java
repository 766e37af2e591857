package org.weimin.events.cases;

/** The kind of result a case is completed with (办结结果). The public sees the kind; the text needs the code. */
public enum ResultType {
    /** 准予/办理: the request was granted. */
    GRANTED,
    /** 不予办理: refused; the result text must state the reasons. */
    REFUSED,
    /** 已解决: the matter was resolved. */
    RESOLVED,
    /** 已解释说明: answered with an explanation. */
    EXPLAINED
}
