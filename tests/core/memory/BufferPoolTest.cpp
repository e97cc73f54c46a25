#include "memory/BufferPool.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <opencv2/core.hpp>

using skyweave::BufferPool;

TEST(BufferPool, ReusesASameShapedBuffer) {
    BufferPool pool;
    cv::Mat first = pool.acquire(64, 32, CV_32FC1);
    const uchar* data = first.data;
    pool.release(std::move(first));
    const cv::Mat again = pool.acquire(64, 32, CV_32FC1);
    EXPECT_EQ(again.data, data);
    const auto s = pool.stats();
    EXPECT_EQ(s.hits, 1U);
    EXPECT_EQ(s.misses, 1U);
    EXPECT_EQ(s.kept, 0U);
}

TEST(BufferPool, DifferentShapeOrTypeIsAMiss) {
    BufferPool pool;
    pool.release(pool.acquire(64, 32, CV_32FC1));
    const cv::Mat otherType = pool.acquire(64, 32, CV_8UC1);
    const cv::Mat otherSize = pool.acquire(32, 64, CV_32FC1);
    EXPECT_EQ(pool.stats().hits, 0U);
    EXPECT_EQ(pool.stats().misses, 3U);
    EXPECT_EQ(pool.stats().kept, 1U);
}

TEST(BufferPool, KeepsAtMostMaxBuffers) {
    BufferPool pool(2);
    std::vector<cv::Mat> held;
    for (int i = 0; i < 5; ++i) held.push_back(pool.acquire(8, 8, CV_8UC1));
    for (auto& m : held) pool.release(std::move(m));
    EXPECT_EQ(pool.stats().kept, 2U);
    EXPECT_EQ(pool.stats().keptBytes, 2U * 64);
    EXPECT_EQ(BufferPool().maxBuffers(), 10U);
}

TEST(BufferPool, RefusesBuffersStillSharedOrViews) {
    BufferPool pool;
    cv::Mat m = pool.acquire(8, 8, CV_8UC1);
    const cv::Mat otherHolder = m;  // shares the data
    pool.release(std::move(m));
    cv::Mat whole(16, 16, CV_8UC1);
    cv::Mat lowerHalf = whole.rowRange(8, 16);
    whole.release();  // lowerHalf is now the only holder, but of a buffer that is not its shape
    pool.release(std::move(lowerHalf));
    EXPECT_EQ(pool.stats().kept, 0U);
}

TEST(BufferPool, LeaseReturnsTheBufferAtScopeEnd) {
    BufferPool pool;
    {
        auto lease = pool.lease(4, 4, CV_16UC1);
        lease.mat().setTo(7);
    }
    EXPECT_EQ(pool.stats().kept, 1U);
    auto again = pool.lease(4, 4, CV_16UC1);
    EXPECT_EQ(pool.stats().hits, 1U);
}

TEST(BufferPool, ClearAndClearAllDropKeptBuffers) {
    BufferPool a(4, "a");
    BufferPool b(4, "b");
    a.release(a.acquire(10, 10, CV_8UC1));
    b.release(b.acquire(10, 10, CV_8UC3));
    EXPECT_EQ(a.clear(), 100U);
    b.release(b.acquire(10, 10, CV_8UC1));
    EXPECT_GE(BufferPool::clearAll(), 400U);
    EXPECT_EQ(b.stats().kept, 0U);
}

TEST(BufferPool, ConcurrentUseKeepsCountsConsistent) {
    BufferPool pool(3);
    constexpr int kThreads = 4;
    constexpr int kRounds = 500;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&pool] {
            for (int i = 0; i < kRounds; ++i) {
                cv::Mat m = pool.acquire(16, 16, CV_8UC1);
                m.setTo(1);
                pool.release(std::move(m));
            }
        });
    }
    for (auto& t : threads) t.join();
    const auto s = pool.stats();
    EXPECT_EQ(s.hits + s.misses, static_cast<std::uint64_t>(kThreads * kRounds));
    EXPECT_LE(s.kept, 3U);
    EXPECT_LE(s.misses, static_cast<std::uint64_t>(kThreads * kRounds));
    EXPECT_GT(s.hits, 0U);
}
