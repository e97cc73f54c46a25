#include "io/FrameOrder.h"

#include <gtest/gtest.h>

#include "common/Errors.h"

using namespace skyweave;

TEST(FrameOrder, NaturalOrder) {
    EXPECT_TRUE(naturalLess("frame2.png", "frame10.png"));
    EXPECT_FALSE(naturalLess("frame10.png", "frame2.png"));
    EXPECT_TRUE(naturalLess("a.png", "b.png"));
    EXPECT_TRUE(naturalLess("x99999999999999999999999.png", "x100000000000000000000000.png"));
    std::vector<std::filesystem::path> p{"f10.png", "f9.png", "f1.png"};
    EXPECT_EQ(sortFrames(p, FrameOrder::Auto), FrameOrder::Name);
    EXPECT_EQ(p, (std::vector<std::filesystem::path>{"f1.png", "f9.png", "f10.png"}));
}

TEST(FrameOrder, GoesAndCalendarTimestamps) {
    // 2024 day 60 = 29 February.
    EXPECT_EQ(timestampFromName("20240601200_GOES16-ABI-FD-13-5424x5424.jpg"),
              timestampFromName("goes_20240229_120000.png"));
    EXPECT_EQ(timestampFromName("goes_20240229_120000.png"), timestampFromName("x_20240229T120000Z.png"));
    EXPECT_EQ(*timestampFromName("OR_ABI-L2-CMIPF-M6C13_G16_s20240601200207_e2024.nc.png") -
                  *timestampFromName("20240601200.png"),
              20);
    EXPECT_EQ(*timestampFromName("19700101T000100Z.png"), 60);
    EXPECT_FALSE(timestampFromName("frame_000001.png"));
    EXPECT_FALSE(timestampFromName("20241332500.png"));  // day 133 but hour 25
    EXPECT_FALSE(timestampFromName("20231301_120000.png"));  // month 13
}

TEST(FrameOrder, TimestampOrderBeatsNameOrder) {
    std::vector<std::filesystem::path> p{"b_20240101T000200Z.png", "a_20240101T000300Z.png", "c_20240101T000100Z.png"};
    EXPECT_EQ(sortFrames(p, FrameOrder::Auto), FrameOrder::Timestamp);
    EXPECT_EQ(p.front(), "c_20240101T000100Z.png");
    EXPECT_EQ(p.back(), "a_20240101T000300Z.png");
    std::vector<std::filesystem::path> mixed{"b_20240101T000200Z.png", "plain.png"};
    EXPECT_EQ(sortFrames(mixed, FrameOrder::Auto), FrameOrder::Name);
    EXPECT_THROW(sortFrames(mixed, FrameOrder::Timestamp), SkyweaveError);
}
