package org.weimin.events.privacy;

/**
 * The kinds of identity document an applicant may give (rules.md "Personal data": resident ID, passport, HK/Macau and
 * Taiwan permits). Each kind has its own validation in {@link IdDocument#parse(IdDocumentType, String)}.
 */
public enum IdDocumentType {
    /** 居民身份证: 18 characters per GB 11643-1999 (also the 81/82/83-prefixed residence permits). */
    RESIDENT_ID("居民身份证"),
    /** 护照: 5–17 letters or digits. */
    PASSPORT("护照"),
    /** 港澳居民来往内地通行证 (回乡证): H or M followed by 8 or 10 digits. */
    HK_MACAU_PERMIT("港澳居民来往内地通行证"),
    /** 台湾居民来往大陆通行证 (台胞证): 8 or 10 digits. */
    TAIWAN_PERMIT("台湾居民来往大陆通行证");

    private final String chineseName;

    IdDocumentType(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The document's official Chinese name, e.g. 居民身份证. */
    public String chineseName() {
        return chineseName;
    }
}
