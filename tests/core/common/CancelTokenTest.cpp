#include "common/CancelToken.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/Errors.h"

TEST(CancelToken, CopiesShareOneFlag) {
    skyweave::CancelToken a;
    const skyweave::CancelToken b = a;
    EXPECT_FALSE(b.isCancelled());
    EXPECT_NO_THROW(b.throwIfCancelled());
    a.requestCancel();
    EXPECT_TRUE(b.isCancelled());
    EXPECT_THROW(b.throwIfCancelled(), skyweave::CancelledError);
}

TEST(CancelToken, IndependentTokensDoNotInterfere) {
    skyweave::CancelToken a;
    skyweave::CancelToken b;
    a.requestCancel();
    EXPECT_FALSE(b.isCancelled());
}

TEST(CancelToken, VisibleAcrossThreads) {
    skyweave::CancelToken token;
    std::thread t([copy = token] { copy.requestCancel(); });
    t.join();
    EXPECT_TRUE(token.isCancelled());
}
