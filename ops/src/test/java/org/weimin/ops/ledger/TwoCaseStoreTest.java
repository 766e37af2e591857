package org.weimin.ops.ledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests over a fresh {@link LedgerStoreFixture#withTwoCases()} store each. */
abstract class TwoCaseStoreTest {
    LedgerStoreFixture store;

    @BeforeEach
    void openStore() throws Exception {
        store = LedgerStoreFixture.withTwoCases();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }
}
