#include "SequencePreview.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>

#include "GuiTestSupport.h"
#include "TempDir.h"

using namespace skyweave;
using namespace skyweave::gui;

namespace {
QString qs(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }
}  // namespace

TEST(SequencePreview, PairIsPlannedLikeARunAndRefusedWhenItDoesNotFitTheLimit) {
    test::TempDir dir;
    test::writeFrames(dir.file("loop"), 4, 320, 240);
    SequencePreview preview;
    QSignalSpy pairs(&preview, &SequencePreview::pairReady);
    preview.computePair({qs(dir.file("loop"))}, {}, InterpolationParams{}, 1, 64 << 20);
    ASSERT_TRUE(pairs.wait(20000));
    const auto fits = pairs.last().at(0).value<PairPreviewResult>();
    EXPECT_TRUE(fits.error.isEmpty()) << fits.error.toStdString();
    EXPECT_EQ(fits.after.cols, 320);

    preview.computePair({qs(dir.file("loop"))}, {}, InterpolationParams{}, 1, 64 << 10);  // 64 KiB
    ASSERT_TRUE(pairs.wait(20000));
    const auto refused = pairs.last().at(0).value<PairPreviewResult>();
    EXPECT_FALSE(refused.error.isEmpty());
    EXPECT_TRUE(refused.after.empty());
}

TEST(SequencePreview, ANewerRequestCancelsTheOlderOneWhoseResultIsNeverShown) {
    test::TempDir dir;
    test::writeFrames(dir.file("slow"), 6, 640, 480);
    test::writeFrames(dir.file("fast"), 3, 64, 48);
    SequencePreview preview;
    QSignalSpy shown(&preview, &SequencePreview::previewReady);
    preview.load({qs(dir.file("slow"))});
    preview.load({qs(dir.file("fast"))});
    ASSERT_TRUE(shown.wait(20000));
    QTest::qWait(200);  // a late result of the first request would arrive by now
    ASSERT_EQ(shown.count(), 1);
    EXPECT_EQ(shown.last().at(0).value<SequencePreviewResult>().frameCount, 3);
    EXPECT_FALSE(preview.isBusy());
}
